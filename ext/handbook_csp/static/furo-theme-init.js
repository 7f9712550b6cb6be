/* Furo's colour-theme choice, applied before the page paints (was an inline script). */
document.body.dataset.theme = localStorage.getItem("theme") || "auto";
