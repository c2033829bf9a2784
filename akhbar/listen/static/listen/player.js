/* akhbar listen player: native <audio> underneath, controls on top labelled in the
   edition's language (the labels come from the server-rendered template's data- attributes).
   Without JavaScript the native controls stay; with it they are replaced by a play/pause
   button, a seek slider and speed buttons (1×, 1.25×, 1.5×), all keyboard operable.
   Right-to-left aware: in an rtl player ArrowLeft moves forward in time (the slider
   runs right to left). Self-hosted, no third-party requests. */
(function () {
  "use strict";
  var ZERO = { urdu: 0x06f0, arabic: 0x0660 };
  var STEP = 5;

  function digits(text, system) {
    var zero = ZERO[system];
    if (!zero) return text;
    return text.replace(/[0-9]/g, function (d) { return String.fromCharCode(zero + Number(d)); });
  }

  function pad(n) { return n < 10 ? "0" + n : String(n); }

  function clock(seconds) {
    var t = Math.max(0, Math.round(seconds || 0));
    var h = Math.floor(t / 3600), m = Math.floor((t % 3600) / 60), s = t % 60;
    return (h ? h + ":" : "") + pad(m) + ":" + pad(s);
  }

  function setup(root) {
    var audio = root.querySelector("audio");
    var play = root.querySelector(".listen__play");
    var seek = root.querySelector(".listen__seek");
    var current = root.querySelector(".listen__current");
    var total = root.querySelector(".listen__duration");
    var speeds = root.querySelector(".listen__speeds");
    var system = root.getAttribute("data-numerals") || "ascii";
    var duration = parseFloat(root.getAttribute("data-duration")) || 0;
    if (!audio || !play || !seek) return;
    /* "current of total" in the edition's language, translated by the server (the template's
       gettext); a page cached before the attribute existed gets a language-neutral slash. */
    var timeLabel = seek.getAttribute("data-label-time") || "{current} / {total}";

    audio.controls = false;
    root.classList.add("listen--js");
    play.hidden = seek.hidden = speeds.hidden = false;

    function knownDuration() {
      return isFinite(audio.duration) && audio.duration > 0 ? audio.duration : duration;
    }
    function show() {
      var d = knownDuration();
      var now = digits(clock(audio.currentTime), system);
      var end = digits(clock(d), system);
      current.textContent = now;
      total.textContent = end;
      seek.max = String(Math.max(1, Math.round(d)));
      seek.value = String(Math.round(audio.currentTime));
      seek.setAttribute("aria-valuetext", timeLabel.replace("{current}", now).replace("{total}", end));
    }
    function playing(on) {
      play.setAttribute("aria-label", play.getAttribute(on ? "data-label-pause" : "data-label-play"));
      play.setAttribute("aria-pressed", on ? "true" : "false");
      root.classList.toggle("listen--playing", on);
    }
    function toggle() {
      if (audio.paused) {
        var p = audio.play();
        if (p && p.catch) p.catch(function () { playing(false); });
      } else {
        audio.pause();
      }
    }
    function jump(by) {
      audio.currentTime = Math.min(Math.max(0, audio.currentTime + by), knownDuration());
      show();
    }

    play.addEventListener("click", toggle);
    audio.addEventListener("play", function () { playing(true); });
    audio.addEventListener("pause", function () { playing(false); });
    audio.addEventListener("ended", function () { playing(false); });
    audio.addEventListener("timeupdate", show);
    audio.addEventListener("loadedmetadata", show);
    seek.addEventListener("input", function () {
      audio.currentTime = Number(seek.value);
      show();
    });
    Array.prototype.forEach.call(root.querySelectorAll(".listen__speed"), function (button) {
      button.addEventListener("click", function () {
        audio.playbackRate = Number(button.getAttribute("data-rate"));
        Array.prototype.forEach.call(root.querySelectorAll(".listen__speed"), function (b) {
          b.setAttribute("aria-pressed", b === button ? "true" : "false");
        });
      });
    });
    root.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      var rtl = getComputedStyle(root).direction === "rtl";
      if (event.target === seek) return; /* the slider handles its own keys */
      if (event.key === "k" || (event.key === " " && event.target === root)) {
        event.preventDefault();
        toggle();
      } else if (event.key === "ArrowLeft" || event.key === "ArrowRight") {
        event.preventDefault();
        jump((event.key === "ArrowLeft") === rtl ? STEP : -STEP);
      }
    });
    show();
    playing(false);
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-listen]"), setup);
})();
