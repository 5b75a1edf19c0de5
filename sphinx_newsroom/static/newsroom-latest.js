/* sphinx-newsroom: fill the "Latest" sidebar blocks (data-newsroom-latest) from
   newsroom-latest-data.js, which calls newsroomLatest(items, its own URL). Text is set as
   text, never as markup. */
(function () {
  "use strict";

  function pageOf(url) {
    // The same page, whether addressed as "x/", "x/index.html" or with a #fragment.
    return url.split("#")[0].split("?")[0].replace(/index\.html$/, "");
  }

  window.newsroomLatest = function (items, dataUrl) {
    var root = new URL("../", dataUrl);
    var here = pageOf(window.location.href);
    document.querySelectorAll("[data-newsroom-latest]").forEach(function (block) {
      var list = block.querySelector("ol");
      if (!list || list.children.length) {
        return;
      }
      items.forEach(function (item) {
        var entry = document.createElement("li");
        if (item.label) {
          var label = document.createElement("span");
          label.className = "newsroom-latest-label";
          label.textContent = item.label;
          entry.append(label, " ");
        }
        var link = document.createElement("a");
        link.href = new URL(item.link, root).href;
        link.textContent = item.title;
        if (pageOf(link.href) === here) {
          link.setAttribute("aria-current", "page");
        }
        var time = document.createElement("time");
        time.dateTime = item.datetime;
        time.textContent = item.date;
        entry.append(link, " ", time);
        list.append(entry);
      });
      list.hidden = items.length === 0;
    });
  };
})();
