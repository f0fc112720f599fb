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
      const form = b.closest("form.try");
      if (form) form.hidden = false;
      const start = async (e) => {
        if (e) e.preventDefault();
        const kind = b.dataset.action === "check" ? "check" : b.dataset.action;
        const body = new URLSearchParams({ kind, scenario: panel.dataset.scenario || "" });
        if (form) {
          // The learner's numbers, as "lessons run" takes them: -steps 5 ...
          const params = [];
          for (const input of form.querySelectorAll("input")) params.push(`-${input.name}`, input.value.trim());
          body.set("params", params.join(" "));
        }
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
      };
      if (form) form.addEventListener("submit", start);
      else b.addEventListener("click", () => start());
    }
  }
}

// Presenter mode: one section per slide, large type. Space, Page Down
// and the down arrow (what a clicker sends) page through a slide taller
// than the screen, a screen at a time, and go to the next slide once its
// bottom is in view; Shift+Space, Page Up and the up arrow go back the same
// way. The left and right arrows go a whole slide, Home and End to the
// first and last. A bar at the bottom counts the slides ("4 / 17"). n
// opens the speaker's notes in a second window, which follows along (only
// a served course has them); p or Esc leaves.
function setUpPresenter() {
  const sections = [...document.querySelectorAll("main > section.slide")];
  const params = new URLSearchParams(location.search);
  const lesson = document.body.dataset.lesson;
  const channel = "BroadcastChannel" in window ? new BroadcastChannel(`course-lesson-${lesson}`) : null;
  const bar = document.querySelector(".present-bar");
  const counter = bar?.querySelector(".slide-counter");
  const notice = bar?.querySelector(".present-notice");
  let current = 0;
  // The part of the window the slide shows in: above the bar.
  const viewHeight = () => window.innerHeight - (bar ? bar.offsetHeight : 0);
  const show = (i, atBottom) => {
    current = Math.max(0, Math.min(sections.length - 1, i));
    sections.forEach((s, k) => s.classList.toggle("current", k === current));
    window.scrollTo(0, atBottom ? document.documentElement.scrollHeight : 0);
    if (channel) channel.postMessage({ section: sections[current].id });
    if (counter) counter.textContent = `${current + 1} / ${sections.length}`;
    document.title = document.title.replace(/ \(\d+\/\d+\)$/, "") + ` (${current + 1}/${sections.length})`;
  };
  // go shows slide i, if there is one: past either end, nothing moves.
  const go = (i, atBottom) => { if (i >= 0 && i < sections.length) show(i, atBottom); };
  // The blocks a page break may not cut, if they fit on a screen.
  const blocks = () => [...sections[current].querySelectorAll("h2, h3, h4, p, pre, li, a.figure, table, tr, details, blockquote, .run, .buttons")]
    .map((el) => el.getBoundingClientRect()).filter((r) => r.height > 0);
  const step = () => Math.max(80, Math.round(viewHeight() * 0.9));
  // forward scrolls down a screen, bringing the first block the bottom
  // edge cuts to the top; it reports false when the slide's end is in view.
  const forward = () => {
    const h = viewHeight();
    const end = sections[current].getBoundingClientRect().bottom;
    if (end <= h + 1) return false;
    const cut = blocks().filter((r) => r.top > 2 && r.bottom > h + 1).map((r) => r.top);
    let by = cut.length ? Math.min(...cut) - 8 : step();
    if (by <= 8 || by > h) by = step();
    window.scrollBy(0, Math.min(by, end - h + 16));
    return true;
  };
  // backward is forward's mirror: the last block the top edge cuts comes
  // to the bottom; false when the slide's top is in view.
  const backward = () => {
    if (window.scrollY <= 1) return false;
    const h = viewHeight();
    const cut = blocks().filter((r) => r.bottom < h - 2 && r.top < -1).map((r) => r.bottom);
    let by = cut.length ? h - Math.max(...cut) - 8 : step();
    if (by <= 8 || by > h) by = step();
    window.scrollBy(0, -by);
    return true;
  };
  const setMode = (on) => {
    document.body.classList.toggle("present", on);
    if (bar) bar.hidden = !on;
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
  let noticeTimer = 0;
  const say = (text) => {
    if (!notice) return;
    notice.textContent = text;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => { notice.textContent = ""; }, 8000);
  };
  document.querySelector(".present-link")?.addEventListener("click", (e) => { e.preventDefault(); setMode(true); });
  document.addEventListener("keydown", (e) => {
    if (e.target.closest("input, textarea") || e.altKey || e.ctrlKey || e.metaKey) return;
    // Space and Enter press a focused button (Run, after a click); the
    // clicker's keys still move the slides.
    if ((e.key === " " || e.key === "Enter") && e.target.closest("button, summary")) return;
    const on = document.body.classList.contains("present");
    if (e.key === "p") { setMode(!on); return; }
    if (!on) return;
    switch (e.key) {
      case " ":
        if (e.shiftKey) { if (!backward()) go(current - 1, true); } else if (!forward()) go(current + 1);
        break;
      case "ArrowDown": case "PageDown": if (!forward()) go(current + 1); break;
      case "ArrowUp": case "PageUp": if (!backward()) go(current - 1, true); break;
      case "ArrowRight": go(current + 1); break;
      case "ArrowLeft": go(current - 1); break;
      case "Home": show(0); break;
      case "End": show(sections.length - 1); break;
      case "Escape": setMode(false); return;
      case "n":
        if (document.body.dataset.notes) window.open(document.body.dataset.notes, `notes-${lesson}`, "width=700,height=800");
        else say(notice?.dataset.noNotes || "");
        return;
      default: return;
    }
    e.preventDefault();
  });
  // A space the keydown handled scrolls no further: Chrome scrolls on the
  // keypress that follows a keydown it was not told to ignore.
  document.addEventListener("keypress", (e) => {
    if (e.key === " " && document.body.classList.contains("present") && !e.target.closest("input, textarea, button, summary")) e.preventDefault();
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
