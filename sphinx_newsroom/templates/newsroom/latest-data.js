{#- The newest listed articles, for the "Latest" blocks that fill themselves
    (newsroom/sidebar-latest.html, _static/newsroom-latest.js). Links are relative to the
    site's root. -#}
/* The newest articles of the site, written by sphinx-newsroom. */
window.newsroomLatest && window.newsroomLatest({{ items|newsroom_json }}, document.currentScript.src);
