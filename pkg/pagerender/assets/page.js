(function () {
  "use strict";
  var folds = function () { return document.querySelectorAll("details.code-fold"); };
  var setAll = function (open) {
    folds().forEach(function (d) { d.open = open; });
  };
  var show = document.getElementById("lb-show-code");
  var hide = document.getElementById("lb-hide-code");
  if (show && hide) {
    show.addEventListener("click", function () { setAll(true); });
    hide.addEventListener("click", function () { setAll(false); });
    show.parentNode.hidden = false;
  }
  var wasOpen = [];
  window.addEventListener("beforeprint", function () {
    wasOpen = Array.prototype.map.call(folds(), function (d) { return d.open; });
    setAll(true);
  });
  window.addEventListener("afterprint", function () {
    folds().forEach(function (d, i) { d.open = !!wasOpen[i]; });
  });
})();
