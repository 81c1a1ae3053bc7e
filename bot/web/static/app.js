// crmbot web: drag a card onto a stage (= /stage), search as you type, buttons run commands. No build step.
(function () {
  "use strict";
  var csrf = (document.querySelector("meta[name=csrf]") || {}).content || "";

  function toast(text) {
    var box = document.getElementById("toast");
    if (!box || !text) return;
    box.textContent = text;
    box.style.display = "block";
    clearTimeout(toast.timer);
    toast.timer = setTimeout(function () { box.style.display = "none"; }, 4000);
  }

  function act(command) {
    return fetch("/act", {method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf},
      body: JSON.stringify({command: command})
    }).then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); });
  }

  function recount(stage, delta) {
    document.querySelectorAll('[data-stage="' + stage + '"] .count').forEach(function (el) {
      el.textContent = String(Math.max(0, parseInt(el.textContent || "0", 10) + delta));
    });
  }

  function moveCard(card, from, to) {
    act("/stage #deal:" + card.dataset.deal + " " + to).then(function (reply) {
      toast(reply.text);
      if (!reply.changed) return;
      var column = document.querySelector('.column[data-stage="' + to + '"] .cards');
      if (column) column.prepend(card);
      recount(from, -1); recount(to, 1);
      document.body.dataset.moved = card.dataset.deal + ":" + to;
    }).catch(function () { toast("⚠"); });
  }

  var drag = null;
  document.addEventListener("pointerdown", function (event) {
    var grip = event.target.closest(".grip");
    if (!grip) return;
    event.preventDefault();
    var card = grip.closest(".card");
    var ghost = card.cloneNode(true);
    ghost.classList.add("ghost");
    document.body.appendChild(ghost);
    drag = {card: card, ghost: ghost, from: card.closest(".column").dataset.stage, target: null};
    position(event);
  });

  function position(event) {
    drag.ghost.style.left = (event.clientX - 20) + "px";
    drag.ghost.style.top = (event.clientY - 20) + "px";
    var under = document.elementFromPoint(event.clientX, event.clientY);
    var target = under && under.closest("[data-stage]");
    if (drag.target && drag.target !== target) drag.target.classList.remove("drop");
    if (target) target.classList.add("drop");
    drag.target = target;
  }

  document.addEventListener("pointermove", function (event) { if (drag) position(event); });
  document.addEventListener("pointerup", function () {
    if (!drag) return;
    var current = drag;
    drag = null;
    current.ghost.remove();
    if (current.target) current.target.classList.remove("drop");
    var to = current.target && current.target.dataset.stage;
    if (to && to !== current.from) moveCard(current.card, current.from, to);
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-command]");
    if (!button) return;
    button.disabled = true;
    act(button.dataset.command).then(function (reply) {
      toast(reply.text);
      if (reply.changed) setTimeout(function () { location.reload(); }, 600);
      else button.disabled = false;
    }).catch(function () { button.disabled = false; toast("⚠"); });
  });

  var search = document.getElementById("search");
  var results = document.getElementById("results");
  var pending = null;
  if (search) search.addEventListener("input", function () {
    clearTimeout(pending);
    pending = setTimeout(function () {
      var q = search.value.trim();
      if (!q) { results.innerHTML = ""; return; }
      fetch("/suggest?q=" + encodeURIComponent(q), {credentials: "same-origin"})
        .then(function (r) { return r.json(); })
        .then(function (hits) {
          if (search.value.trim() !== q) return;
          results.innerHTML = "";
          hits.forEach(function (hit) {
            var li = document.createElement("li"), a = document.createElement("a");
            a.href = hit.href; a.textContent = hit.label;
            li.appendChild(a); results.appendChild(li);
          });
        });
    }, 150);
  });
})();
