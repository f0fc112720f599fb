// The course's only script: live runs, and presenter mode. Every page
// reads fine without it.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  if (document.body.classList.contains("live")) setUpRuns();
  if (document.body.classList.contains("lesson")) setUpPresenter();
  if (document.body.classList.contains("notes")) followPresenter();
});

// Runs: a POST asks for a run and gets its id; its stream, server-sent
// events, says each line, each new state of the timeline, and the end.
function setUpRuns() {
  for (const panel of document.querySelectorAll(".run")) {
    const log = panel.querySelector(".live-log");
    const fig = panel.querySelector(".live-figure");
    const buttons = panel.querySelectorAll("button[data-action]");
    const signal = panel.querySelector("button[data-action=signal]");
    let id = null;
    const busy = (on) => {
      for (const b of buttons) if (b !== signal) b.disabled = on;
      if (signal) signal.disabled = !on || id === null;
    };
    for (const b of buttons) {
      b.hidden = false;
      if (b === signal) {
        b.addEventListener("click", async () => {
          if (id === null) return;
          const r = await fetch(`/api/runs/${id}/signal`, { method: "POST" });
          if (!r.ok) log.textContent += `(signal refused: ${await r.text()})\n`;
        });
        continue;
      }
      b.addEventListener("click", async () => {
        const kind = b.dataset.action === "check" ? "check" : b.dataset.action;
        const body = new URLSearchParams({ kind, scenario: panel.dataset.scenario || "" });
        log.textContent = "";
        if (fig) fig.replaceChildren();
        panel.dataset.state = "starting";
        busy(true);
        const r = await fetch("/api/runs", { method: "POST", body });
        if (!r.ok) {
          log.textContent = `could not start: ${await r.text()}`;
          panel.dataset.state = "failed";
          busy(false);
          return;
        }
        id = (await r.json()).id;
        if (signal) signal.disabled = kind !== "run";
        panel.dataset.state = "running";
        const es = new EventSource(`/api/runs/${id}`);
        es.addEventListener("line", (e) => { log.textContent += e.data + "\n"; });
        es.addEventListener("figure", (e) => {
          fig.innerHTML = e.data;
          fig.dataset.updates = String(Number(fig.dataset.updates || 0) + 1);
        });
        const finish = (state, note) => {
          es.close();
          if (note) log.textContent += note + "\n";
          panel.dataset.state = state;
          id = null;
          busy(false);
        };
        es.addEventListener("end", (e) => finish("done", e.data === "ok" ? "" : `error: ${e.data}`));
        es.addEventListener("busy", (e) => finish("busy", e.data));
        es.onerror = () => { if (panel.dataset.state === "running") finish("failed", "(the connection to the course server was lost)"); };
      });
    }
  }
}

// Presenter mode: one section per screen, large type; arrows, Page Up and
// Down and space move; n opens the speaker's notes in a second window,
// which follows along; p or Esc leaves.
function setUpPresenter() {
  const sections = [...document.querySelectorAll("main > section.slide")];
  const params = new URLSearchParams(location.search);
  const lesson = document.body.dataset.lesson;
  const channel = "BroadcastChannel" in window ? new BroadcastChannel(`course-lesson-${lesson}`) : null;
  let current = 0;
  const show = (i) => {
    current = Math.max(0, Math.min(sections.length - 1, i));
    sections.forEach((s, k) => s.classList.toggle("current", k === current));
    window.scrollTo(0, 0);
    if (channel) channel.postMessage({ section: sections[current].id });
    document.title = document.title.replace(/ \(\d+\/\d+\)$/, "") + ` (${current + 1}/${sections.length})`;
  };
  const setMode = (on) => {
    document.body.classList.toggle("present", on);
    const url = new URL(location.href);
    if (on) url.searchParams.set("present", ""); else url.searchParams.delete("present");
    history.replaceState(null, "", url.toString().replace("present=", "present"));
    if (on) {
      const hash = location.hash.slice(1);
      const at = sections.findIndex((s) => s.id === hash || (hash && s.querySelector(`[id="${CSS.escape(hash)}"]`)));
      show(at >= 0 ? at : current);
    } else {
      sections.forEach((s) => s.classList.remove("current"));
      document.title = document.title.replace(/ \(\d+\/\d+\)$/, "");
    }
  };
  document.querySelector(".present-link")?.addEventListener("click", (e) => { e.preventDefault(); setMode(true); });
  document.addEventListener("keydown", (e) => {
    if (e.target.closest("input, textarea, button") || e.altKey || e.ctrlKey || e.metaKey) return;
    const on = document.body.classList.contains("present");
    if (e.key === "p") { setMode(!on); return; }
    if (!on) return;
    switch (e.key) {
      case "ArrowRight": case "ArrowDown": case "PageDown": case " ": show(current + 1); break;
      case "ArrowLeft": case "ArrowUp": case "PageUp": show(current - 1); break;
      case "Home": show(0); break;
      case "End": show(sections.length - 1); break;
      case "Escape": setMode(false); return;
      case "n":
        if (document.body.dataset.notes) window.open(document.body.dataset.notes, `notes-${lesson}`, "width=700,height=800");
        return;
      default: return;
    }
    e.preventDefault();
  });
  if (params.has("present")) setMode(true);
}

// The notes window highlights the section the presenter shows.
function followPresenter() {
  if (!("BroadcastChannel" in window)) return;
  const channel = new BroadcastChannel(`course-lesson-${document.body.dataset.lesson}`);
  channel.onmessage = (e) => {
    for (const li of document.querySelectorAll(".outline li")) {
      const here = li.dataset.section === e.data.section;
      li.classList.toggle("current", here);
      if (here) li.setAttribute("aria-current", "step"); else li.removeAttribute("aria-current");
    }
  };
}
