/* Furo's colour-theme choice, applied before the page paints (was an inline script). Reading storage
 * throws when the browser disables it: the page then follows the system theme. */
try {
  document.body.dataset.theme = localStorage.getItem("theme") || "auto";
} catch (e) {
  document.body.dataset.theme = "auto";
}
