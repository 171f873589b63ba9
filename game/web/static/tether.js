// Tether in the browser: draws what game/web/bridge.py returns and sends it the player's moves.
// Plain JavaScript, no framework. The story engine runs in Pyodide; nothing here leaves the computer.
import { loadPyodide } from "./pyodide/pyodide.mjs";

const STORE_FILES = "tether.files";      // the autosave and the session log, as the engine wrote them
const STORE_SETTINGS = "tether.settings";
const $ = (id) => document.getElementById(id);
const timings = { start: performance.now() };
window.tetherTimings = timings;

let game = null;        // the Python WebGame
let titleInfo = null;   // the story's title screen data
let view = null;        // the last view of the game
let filesKey = STORE_FILES;  // where the save and log are kept; an assignment keeps one pair per code

// ---- small helpers ---------------------------------------------------------------------------
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

function paragraphs(target, text) {
  target.replaceChildren(...String(text || "").split(/\n\s*\n/).filter((p) => p.trim()).map((p) => el("p", { text: p.trim() })));
}

function call(name, ...args) {
  const out = game[name](...args);
  return typeof out === "string" ? JSON.parse(out) : out;
}

function storage(action, key, value) {
  try {
    if (action === "get") return localStorage.getItem(key);
    if (action === "set") localStorage.setItem(key, value);
  } catch (err) {
    status(`This browser would not keep the game (${err.name}); play goes on without saving.`);
  }
  return null;
}

function keepFiles() {
  storage("set", filesKey, JSON.stringify(call("files")));
}

const assigned = () => !!(titleInfo && titleInfo.assignment);

function status(message) {
  const target = $("play-status");
  if (target) target.textContent = message;
}

function show(screen, focusId) {
  for (const section of document.querySelectorAll(".screen")) section.hidden = section.id !== `screen-${screen}`;
  document.body.dataset.phase = screen;
  const target = $(focusId);
  if (target) {
    if (!target.hasAttribute("tabindex") && !/^(BUTTON|INPUT|SELECT)$/.test(target.tagName)) target.setAttribute("tabindex", "-1");
    target.focus();
  }
}

// ---- settings ----------------------------------------------------------------------------------
const VOLUMES = ["0", "0.2", "0.4", "0.6", "0.8", "1"];
// Volumes default as in the window (0.6); they are their own settings, not tied to reduced motion.
const defaults = { size: "1", contrast: false, dyslexia: false,
  motion: window.matchMedia("(prefers-reduced-motion: reduce)").matches, ambient: "0.6", effects: "0.6" };
let settings = { ...defaults };

function loadSettings() {
  try { settings = { ...defaults, ...JSON.parse(storage("get", STORE_SETTINGS) || "{}") }; } catch { settings = { ...defaults }; }
  applySettings();
}

function applySettings() {
  const root = document.documentElement;
  root.style.setProperty("--scale", ["1", "1.25", "1.5", "2"].includes(settings.size) ? settings.size : "1");
  root.classList.toggle("contrast", !!settings.contrast);
  root.classList.toggle("dyslexia", !!settings.dyslexia);
  root.classList.toggle("reduce-motion", !!settings.motion);
  $("set-size").value = settings.size;
  $("set-contrast").checked = !!settings.contrast;
  $("set-dyslexia").checked = !!settings.dyslexia;
  $("set-motion").checked = !!settings.motion;
  for (const key of ["ambient", "effects"]) {
    if (!VOLUMES.includes(settings[key])) settings[key] = defaults[key];
    $(`set-${key}`).value = settings[key];
  }
  ambience(sound.loop);
}

function settingChanged() {
  settings = { size: $("set-size").value, contrast: $("set-contrast").checked, dyslexia: $("set-dyslexia").checked,
    motion: $("set-motion").checked, ambient: $("set-ambient").value, effects: $("set-effects").value };
  storage("set", STORE_SETTINGS, JSON.stringify(settings));
  applySettings();
}

// ---- sound ---------------------------------------------------------------------------------------------
// The place's loop and the interface sounds, as in the window. Browsers let a page play sound only after
// the player has clicked or pressed a key, so nothing plays before that; the loop then starts.
const sound = { unlocked: false, loop: null };

function ambience(loop) {
  sound.loop = loop || null;
  const player = $("ambient");
  const volume = Number(settings.ambient);
  const wanted = sound.loop && volume > 0 ? sound.loop : "";
  player.volume = volume;
  if (player.dataset.loop !== wanted) {
    player.dataset.loop = wanted;
    if (wanted) player.src = `sound/ambient_${wanted}.wav`;
    else { player.pause(); player.removeAttribute("src"); player.load(); }
  }
  if (wanted && sound.unlocked && player.paused) player.play().catch(() => {});
}

function effect(name) {
  const volume = Number(settings.effects);
  if (!sound.unlocked || volume <= 0) return;
  const player = $("effect");
  player.volume = volume;
  player.src = `sound/ui_${name}.wav`;
  player.play().catch(() => {});
}

function unlockSound() {
  if (sound.unlocked) return;
  sound.unlocked = true;
  ambience(sound.loop);
}

// ---- title and new game --------------------------------------------------------------------------
function showTitle() {
  const info = titleInfo;
  ambience(null);
  $("title-h").textContent = info.title;
  document.title = info.title;
  $("brand").textContent = info.title;
  paragraphs($("disclaimer"), info.disclaimer);
  $("content-notes").replaceChildren(...info.content_notes.map((n) => el("li", { text: n })));
  const a = info.assignment;
  $("title-menu").hidden = !!a;
  $("assignment-entry").hidden = !a;
  if (a) {
    $("assignment-h").textContent = `Assignment: ${a.title}`;
    $("assignment-about").textContent = `${a.partial ? `${a.scenes} scene${a.scenes === 1 ? "" : "s"} of the story` : "The whole story"}`
      + (a.questions ? `, with ${a.questions} question${a.questions === 1 ? "" : "s"} before or after.` : ".")
      + " At the end you get a hand-in code for your teacher.";
    show("title", "title-h");
    return;
  }
  const saved = info.saved;
  $("btn-continue").hidden = !saved;
  $("continue-detail").hidden = !saved;
  if (saved) $("continue-detail").textContent = `Saved game: ${saved.scene_title}, as ${saved.role_title.toLowerCase()}.`;
  $("btn-title-replay").hidden = !(info.replay && info.replay.length);
  $("title-status").textContent = (info.notices || []).join(" ");
  show("title", "title-h");
}

// ---- a scene of a finished game, played again -----------------------------------------------------
let replayFrom = "title";  // where Back on the list of scenes goes: "title" or "ending"

function showReplay(groups, from) {
  replayFrom = from;
  $("replay-roles").replaceChildren(...groups.map((g) => el("section", { "aria-label": g.role_title },
    el("h2", { text: `Your last finished game as ${g.role_title.toLowerCase()}` }),
    el("ol", { class: "replay-scenes" }, ...g.scenes.map((scene) => {
      const button = el("button", { type: "button", "data-scene": scene.id, "data-role": g.role, text: scene.title });
      button.addEventListener("click", () => { effect("select"); render(call("replay_scene", scene.id, g.role)); });
      return el("li", {}, button);
    })))));
  show("replay", "replay-h");
}

function showNewGame(role, allowed) {
  const box = $("roles");
  box.replaceChildren();
  const roles = allowed || titleInfo.roles;
  $("btn-newgame-back").hidden = !!allowed;
  roles.forEach((r, i) => {
    const id = `role-${r.name}`;
    const input = el("input", { type: "radio", name: "role", id, value: r.name, "aria-describedby": `${id}-blurb` });
    input.checked = role ? r.name === role : i === 0;
    input.addEventListener("change", () => { $("partner-name").placeholder = r.partner_name; });
    box.append(el("div", { class: "role" }, input, el("label", { for: id, text: r.title }),
      el("p", { class: "detail", id: `${id}-blurb`, text: `${r.blurb} Your partner: ${r.partner_name} (${r.pronouns}).` })));
  });
  const chosen = roles.find((r) => r.name === role) || roles[0];
  $("partner-name").placeholder = chosen.partner_name;
  $("partner-name").value = "";
  show("newgame", "newgame-h");
}

function startGame(event) {
  event.preventDefault();
  const role = document.querySelector("input[name=role]:checked").value;
  render(call(assigned() ? "begin" : "new_game", role, $("partner-name").value));
}

// ---- play --------------------------------------------------------------------------------------------
function render(next) {
  view = next;
  keepFiles();
  ambience(view.ambient);
  if (view.phase === "playing") renderPlay();
  else if (view.phase === "scene_debrief") renderDebrief();
  else if (view.phase === "ending") renderEnding();
  else if (view.phase === "assignment") renderStage();
  else { titleInfo = call("title"); showTitle(); }
  for (const notice of view.notices || []) status(notice);
}

function lineNode(line, fresh) {
  const item = el("li", { class: line.speaker === "narrator" ? "narrator" : "" });
  if (fresh) item.classList.add("new");
  if (line.name) item.append(el("span", { class: "speaker", text: `${line.name}: ` }));
  item.append(document.createTextNode(line.text));
  return item;
}

function setPortrait(line) {
  const img = $("portrait");
  if (!line || !line.portrait) { img.hidden = true; return; }
  const tries = [`${line.portrait}_${line.mood}`, `${line.portrait}_neutral`, `default_${line.mood}`];
  img.onerror = () => { tries.shift(); if (tries.length) img.src = `art/portraits/${tries[0]}.png`; else img.hidden = true; };
  img.src = `art/portraits/${tries[0]}.png`;
  img.hidden = false;
}

function renderPlay() {
  const scene = view.scene;
  $("scene-count").textContent = `Scene ${scene.number} of ${scene.of}`;
  $("scene-h").textContent = scene.title;
  $("scene-notes").hidden = !scene.content_notes.length;
  $("scene-notes").textContent = scene.content_notes.length ? `Content notes: ${scene.content_notes.join("; ")}.` : "";
  const bg = $("background");
  bg.onerror = () => { bg.onerror = null; bg.src = "art/backgrounds/default.png"; };
  bg.src = `art/backgrounds/${scene.place || scene.location || "default"}.png`;
  const lines = view.transcript;
  const firstNew = lines.length - view.new_lines;
  $("transcript").replaceChildren(...lines.map((line, i) => lineNode(line, i >= firstNew)));
  const spoken = [...lines].reverse().find((line) => line.portrait);
  setPortrait(spoken);
  // The live region reads out only what is new, once.
  $("live").replaceChildren(...lines.slice(firstNew).map((line) => el("p", { text: line.name ? `${line.name}: ${line.text}` : line.text })));
  const choices = $("choices");
  choices.replaceChildren(...view.choices.map((c, i) => {
    const button = el("button", { type: "button", "data-choice": String(c.index), "data-id": c.id },
      el("span", { class: "num", "aria-hidden": "true", text: `${i + 1}.` }), document.createTextNode(c.text));
    button.addEventListener("click", () => choose(c.index));
    return el("li", {}, button);
  }));
  $("btn-undo").disabled = !view.can_undo;
  $("replay-label").hidden = !view.replaying;
  const a = view.assignment;
  $("btn-skip").hidden = !!a && !a.skip_allowed;
  $("btn-menu").textContent = a ? "Stop and hand in" : "Title screen";
  const meters = a ? a.meters : [];
  $("training-meters").hidden = !meters.length;
  $("training-meters").textContent = meters.length ? `Training mode: ${meters.map((m) => `${m.label} ${m.value}`).join(", ")}.` : "";
  if (timings.firstChoice === undefined && view.choices.length) timings.firstChoice = performance.now();
  const wasPlaying = document.body.dataset.phase === "play";
  show("play", wasPlaying ? null : "scene-h");
  if (wasPlaying) {
    const first = choices.querySelector("button");
    if (first) first.focus();
  }
}

function choose(index) {
  status("");
  effect("select");
  render(call("choose", index));
}

function undo() {
  if (!view || view.phase !== "playing") return;
  const next = call("undo");
  effect("back");
  render(next);
  status(next.undone ? "Undone. You are back before your last choice." : "There is no choice to undo yet.");
}

function askSkip() {
  if (!view || view.phase !== "playing") return;
  if (view.assignment && !view.assignment.skip_allowed) {
    status("Skipping scenes is turned off for this assignment; you can stop at any time with Stop and hand in.");
    return;
  }
  const notes = view.scene.content_notes;
  $("skip-notes").textContent = notes.length ? `This scene's content notes: ${notes.join("; ")}.` : "This scene has no content notes.";
  const dialog = $("dlg-skip");
  dialog.returnValue = "";
  dialog.showModal();
}

function skipClosed() {
  if ($("dlg-skip").returnValue === "skip") render(call("skip_scene"));
}

function showHistory() {
  if (!game || !view) return;
  const lines = call("history");
  $("history-list").replaceChildren(...lines.map((line) => lineNode(line, false)));
  $("dlg-history").showModal();
}

function save() {
  if (!view || view.phase !== "playing") return;
  const result = call("save");
  keepFiles();
  status(result.saved ? "Saved in this browser. Choose Continue on the title screen to come back to it." : (result.notices[0] || "The game could not be saved."));
}

// ---- charts ------------------------------------------------------------------------------------------
const SVG = "http://www.w3.org/2000/svg";
function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function chart(tracks, caption) {
  const width = 560, height = 220, left = 40, right = 110, top = 14, bottom = 30;
  const low = Math.min(...tracks.map((t) => t.low)), high = Math.max(...tracks.map((t) => t.high));
  const points = Math.max(...tracks.map((t) => t.values.length));
  const x = (i) => left + (points > 1 ? (i * (width - left - right)) / (points - 1) : (width - left - right) / 2);
  const y = (v) => top + ((high - v) * (height - top - bottom)) / Math.max(1, high - low);
  const root = svg("svg", { class: "chart", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-labelledby": "" });
  const id = `chart-${Math.random().toString(36).slice(2, 8)}`;
  root.setAttribute("aria-labelledby", `${id}-t`);
  root.append(svg("title", { id: `${id}-t` }, caption));
  root.append(svg("line", { class: "axis", x1: left, y1: y(low), x2: width - right, y2: y(low) }));
  root.append(svg("line", { class: "axis", x1: left, y1: top, x2: left, y2: y(low) }));
  root.append(svg("text", { x: left - 8, y: y(high) + 4, "text-anchor": "end" }, String(high)));
  root.append(svg("text", { x: left - 8, y: y(low) + 4, "text-anchor": "end" }, String(low)));
  root.append(svg("text", { x: left, y: height - 8 }, "Start"));
  root.append(svg("text", { x: width - right, y: height - 8, "text-anchor": "end" }, points > 1 ? `After choice ${points - 1}` : ""));
  for (const track of tracks) {
    const cls = ["closeness", "safety"].includes(track.name) ? track.name : "safety";
    root.append(svg("polyline", { class: cls, points: track.values.map((v, i) => `${x(i)},${y(v)}`).join(" ") }));
    track.values.forEach((v, i) => root.append(svg("circle", { class: cls, cx: x(i), cy: y(v), r: 4 })));
    const last = track.values[track.values.length - 1];
    root.append(svg("text", { x: x(track.values.length - 1) + 10, y: y(last) + 4 }, `${track.label} ${last}`));
  }
  return root;
}

// ---- debrief and ending ------------------------------------------------------------------------------
function renderDebrief() {
  const d = view.debrief;
  $("debrief-h").textContent = d.comparison ? `After “${d.title}”, played again` : `After “${d.title}”`;
  const skipped = $("debrief-skipped");
  skipped.hidden = !(d.skipped || view.skipped_summary);
  skipped.textContent = d.skipped ? `You skipped this scene. What happens: ${view.skipped_summary || d.summary}` : "";
  const hasMoves = d.notes.length > 0;
  $("debrief-chart-fig").hidden = !hasMoves;
  $("debrief-chart").replaceChildren(hasMoves ? chart(d.meters, `How ${d.meters.map((t) => t.label.toLowerCase()).join(" and ")} moved in this scene`) : "");
  $("debrief-sentences").replaceChildren(...d.meters.map((t) => el("p", { text: t.sentence })));
  $("debrief-notes").replaceChildren(...(hasMoves ? d.notes.map(noteNode) : [el("li", { text: d.skipped ? "You skipped this scene, so there are no moves to look at." : "You made no choices in this scene." })]));
  $("debrief-cut").hidden = !d.cut_short;
  const c = d.comparison;
  $("debrief-compare").hidden = !c;
  $("compare-sentences").replaceChildren(...(c ? c.sentences.map((t) => el("p", { text: t })) : []));
  $("compare-tries").replaceChildren(...(c ? c.tries.map((t) => el("section", { class: "try", "aria-label": t.label },
    el("h3", { text: t.label }),
    el("ol", { class: "notes" }, ...(t.moves.length ? t.moves.map((m) => el("li", {}, el("p", { class: "move", text: `“${m.text}”` }),
      el("p", { text: m.labels.join(", ") }))) : [el("li", { text: t.skipped ? "Skipped." : "No choices." })])),
    el("p", { text: `${t.changes}. ${t.secure}` }))) : []));
  $("btn-next-scene").textContent = c ? (view.replay_back_to === "ending" ? "Back to the ending" : "Back to the title") : "Continue";
  show("debrief", "debrief-h");
}

function noteNode(n) {
  const item = el("li", {}, el("p", { class: "move", text: `You chose: “${n.text}”` }),
    el("p", { text: `Move: ${n.labels.join(", ")} (${n.families.join(", ")})` }));
  if (n.changes.length) item.append(el("p", { text: n.changes.map((c) => `${c.label} ${c.delta > 0 ? `up ${c.delta}` : c.delta < 0 ? `down ${-c.delta}` : "no change"}`).join("; ") + "." }));
  if (n.why) item.append(el("p", { text: `Why: ${n.why}` }));
  if (n.missed_secure.length) item.append(el("p", { text: `A secure move on offer: “${n.missed_secure[0]}”` }));
  if (n.other_side) item.append(el("p", { text: `The other side: ${n.other_side}` }));
  return item;
}

function renderEnding() {
  const e = view.ending;
  document.body.dataset.ending = e.id || "";
  $("ending-kind").textContent = e.kind_title ? `Ending: ${e.kind_title}` : "";
  $("ending-h").textContent = e.title;
  paragraphs($("ending-text"), e.text);
  $("ending-reasons").replaceChildren(...e.reasons.map((r) => el("li", { text: r })));
  $("turning-section").hidden = !e.turning_point.length;
  $("turning-point").replaceChildren(...e.turning_point.map((t) => el("p", { text: t })));
  $("ending-chart").replaceChildren(chart(e.meters, "Closeness and safety after every choice you made, from the first scene to the last"));
  $("ending-sentences").replaceChildren(...e.meters.map((t) => el("p", { text: t.sentence })));
  $("ending-families").textContent = "Your moves by kind: " + e.families.map((f) => `${f.label}: ${f.count}`).join(" · ");
  $("ending-scenes").replaceChildren(...e.scenes.map((s) => el("section", {}, el("h3", { text: s.title }),
    el("ol", { class: "notes" }, ...s.moves.map((m) => el("li", {}, el("p", { class: "move", text: `“${m.text}”` }),
      el("p", { text: m.labels.join(", ") + (m.why ? `. ${m.why}` : "") })))))));
  $("btn-other-side").textContent = `Play as the other partner (${e.other_role_title})`;
  for (const id of ["btn-other-side", "btn-ending-title"]) $(id).hidden = assigned();
  $("btn-ending-continue").hidden = !assigned();
  $("btn-ending-replay").hidden = assigned() || !(e.replay && e.replay.length);
  show("ending", "ending-h");
}

function downloadLog() {
  const text = call("log_text");
  const blob = new Blob([typeof text === "string" ? text : JSON.stringify(text, null, 1)], { type: "application/json" });
  const link = el("a", { href: URL.createObjectURL(blob), download: "tether-session-log.json" });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

// ---- assignments -------------------------------------------------------------------------------------
function enterCode(event) {
  event.preventDefault();
  const entered = call("enter_code", $("code-input").value);
  if (!entered.ok) {
    $("code-problem").textContent = `Cannot start: ${entered.problem}.`;
    $("code-input").setAttribute("aria-invalid", "true");
    $("code-input").focus();
    return;
  }
  $("code-problem").textContent = "";
  $("code-input").removeAttribute("aria-invalid");
  filesKey = `tether.assignment.${entered.key}`;
  const next = call("assignment_start", storage("get", filesKey) || "");
  render(next);
  if (next.recap) status(`Welcome back, ${entered.code}. Continuing: ${next.recap.scene_title}. You have made ${next.recap.choices_made} choices so far.`);
}

function renderStage() {
  const stage = view.stage;
  if (stage === "before" || stage === "after") renderQuestions();
  else if (stage === "role") showNewGame(null, view.roles);
  else if (stage === "share") show("share", "share-h");
  else if (stage === "handin") renderHandin();
}

function questionNode(q, n) {
  const id = `q-${q.id}`;
  if (q.kind === "text") {
    const box = el("textarea", { id, name: q.id, rows: "3", maxlength: "500", "aria-describedby": `${id}-help` });
    box.value = q.answer || "";
    return el("div", { class: "question" }, el("label", { for: id, class: "question-text", text: `${n}. ${q.text}` }), box,
      el("p", { class: "detail", id: `${id}-help`, text: "A short answer; you may leave it empty. It stays in this browser unless you choose to share it." }));
  }
  const set = el("fieldset", { class: "question" }, el("legend", { class: "question-text", text: `${n}. ${q.text}` }));
  q.options.forEach((o, i) => {
    const input = el("input", { type: "radio", name: q.id, id: `${id}-${i}`, value: String(o.value) });
    if (i === 0) input.required = true;
    input.checked = q.answer === o.value;
    set.append(el("div", { class: "option" }, input, el("label", { for: `${id}-${i}`, text: o.label })));
  });
  return set;
}

function renderQuestions() {
  const before = view.stage === "before";
  $("questions-h").textContent = before ? "Before you play" : "After playing";
  $("questions-intro").textContent = `${view.questions.length} question${view.questions.length === 1 ? "" : "s"}. There are no marks; answer as you honestly would.`;
  $("questions").replaceChildren(...view.questions.map((q, i) => questionNode(q, i + 1)));
  $("questions-problem").textContent = view.problem || "";
  show("questions", view.problem ? "questions-problem" : "questions-h");
}

function sendAnswers(event) {
  event.preventDefault();
  const answers = {};
  for (const q of view.questions) {
    if (q.kind === "text") answers[q.id] = $(`q-${q.id}`).value.trim();
    else {
      const picked = document.querySelector(`input[name="${CSS.escape(q.id)}"]:checked`);
      if (picked) answers[q.id] = Number(picked.value);
    }
  }
  const missing = view.questions.find((q) => q.kind !== "text" && !(q.id in answers));
  if (missing) {
    $("questions-problem").textContent = `Please answer: “${missing.text}”`;
    document.querySelector(`input[name="${CSS.escape(missing.id)}"]`).focus();
    return;
  }
  render(call("answer_questions", JSON.stringify(answers)));
}

function renderHandin() {
  const finished = view.finished;
  $("handin-h").textContent = finished ? "Your hand-in code" : "Your hand-in code so far";
  $("handin-code").value = view.handin || "";
  $("btn-copy").disabled = !view.handin;
  $("handin-intro").textContent = view.handin
    ? "Copy this whole code into the form your teacher gave you. It holds your code, choices and answers; no name."
    : "You have not played yet, so there is nothing to hand in.";
  $("btn-handin-back").hidden = finished;
  $("copy-status").textContent = finished ? (view.notices || []).join(" ")
    : "Your game is saved in this browser: go back to the story, or come back later with the same code.";
  show("handin", "handin-h");
}

async function copyCode() {
  const box = $("handin-code");
  try {
    if (!navigator.clipboard || !window.isSecureContext) throw new Error("no clipboard");
    await navigator.clipboard.writeText(box.value);
    $("copy-status").textContent = "Copied. Paste it into your teacher's form.";
  } catch {
    box.focus();
    box.select();  // where the browser keeps the clipboard to itself, the code is selected for Ctrl+C
    $("copy-status").textContent = "The code is selected: press Ctrl+C (on a Mac, Cmd+C) to copy it.";
  }
}

function stopAndHandIn() {
  keepFiles();
  render(call("stop"));
}

// ---- keyboard ------------------------------------------------------------------------------------------
// Up and Down (Home, End) move through the choices, with the window's soft tick; Tab works as ever.
function moveInChoices(key) {
  const steps = { ArrowUp: -1, ArrowDown: 1, Home: -Infinity, End: Infinity };
  if (!(key in steps)) return false;
  const buttons = [...document.querySelectorAll("#choices button")];
  if (!buttons.length) return false;
  const at = buttons.indexOf(document.activeElement);
  const step = steps[key];
  let next;
  if (Math.abs(step) === Infinity) next = step > 0 ? buttons.length - 1 : 0;
  else next = at < 0 ? (step > 0 ? 0 : buttons.length - 1) : Math.min(buttons.length - 1, Math.max(0, at + step));
  if (next !== at) {
    buttons[next].focus();
    effect("move");
  }
  return true;
}

function onKey(event) {
  if (event.altKey || event.ctrlKey || event.metaKey || document.querySelector("dialog[open]")) return;
  if (/^(INPUT|SELECT|TEXTAREA)$/.test(event.target.tagName)) return;
  if (document.body.dataset.phase !== "play") return;
  if (moveInChoices(event.key)) {
    event.preventDefault();
    return;
  }
  const number = Number(event.key);
  if (Number.isInteger(number) && number >= 1 && number <= view.choices.length) {
    event.preventDefault();
    choose(view.choices[number - 1].index);
    return;
  }
  const actions = { u: undo, k: askSkip, h: showHistory, b: () => $("dlg-breathe").showModal(), s: save };
  const action = actions[event.key.toLowerCase()];
  if (action) { event.preventDefault(); action(); }
}

// ---- start -----------------------------------------------------------------------------------------------
function wire() {
  $("btn-new").addEventListener("click", () => showNewGame());
  $("btn-continue").addEventListener("click", () => {
    const next = call("continue_game");
    render(next);
    if (next.recap) status(`Continuing: ${next.recap.scene_title}, as ${next.recap.role_title.toLowerCase()}, with ${next.recap.partner}. You have made ${next.recap.choices_made} choices so far.`);
  });
  $("newgame-form").addEventListener("submit", startGame);
  $("btn-newgame-back").addEventListener("click", showTitle);
  $("btn-undo").addEventListener("click", undo);
  $("btn-skip").addEventListener("click", askSkip);
  $("dlg-skip").addEventListener("close", skipClosed);
  $("btn-history").addEventListener("click", showHistory);
  $("btn-save").addEventListener("click", save);
  $("btn-menu").addEventListener("click", () => {
    if (assigned()) { stopAndHandIn(); return; }
    keepFiles(); titleInfo = call("title"); showTitle();
  });
  $("btn-next-scene").addEventListener("click", () => render(call("next_scene")));
  $("btn-ending-continue").addEventListener("click", () => render(call("end_play")));
  $("code-form").addEventListener("submit", enterCode);
  $("questions-form").addEventListener("submit", sendAnswers);
  $("btn-share-yes").addEventListener("click", () => render(call("share", true)));
  $("btn-share-no").addEventListener("click", () => render(call("share", false)));
  $("btn-copy").addEventListener("click", copyCode);
  $("btn-handin-back").addEventListener("click", () => render(call("current")));
  $("btn-handin-log").addEventListener("click", downloadLog);
  $("btn-other-side").addEventListener("click", () => showNewGame(view.ending.other_role));
  $("btn-download-log").addEventListener("click", downloadLog);
  $("btn-ending-title").addEventListener("click", () => { titleInfo = call("title"); showTitle(); });
  $("btn-ending-replay").addEventListener("click", () => showReplay(view.ending.replay, "ending"));
  $("btn-title-replay").addEventListener("click", () => showReplay(titleInfo.replay || [], "title"));
  $("btn-replay-back").addEventListener("click", () => {
    if (replayFrom === "ending" && view && view.phase === "ending") show("ending", "ending-h");
    else showTitle();
  });
  $("btn-breathe").addEventListener("click", () => $("dlg-breathe").showModal());
  $("btn-settings").addEventListener("click", () => $("dlg-settings").showModal());
  $("btn-about").addEventListener("click", () => $("dlg-about").showModal());
  for (const id of ["set-size", "set-contrast", "set-dyslexia", "set-motion", "set-ambient", "set-effects"]) {
    $(id).addEventListener("change", settingChanged);
  }
  document.addEventListener("keydown", onKey);
  for (const gesture of ["pointerdown", "keydown"]) document.addEventListener(gesture, unlockSound, true);
}

async function start() {
  loadSettings();
  wire();
  try {
    const base = new URL(".", location.href).href;
    const pyodide = await loadPyodide({ indexURL: `${base}pyodide/`, fullStdLib: false });
    timings.pyodide = performance.now();
    $("loading-status").textContent = "Reading the story.";
    const [zip, story, assignment] = await Promise.all([
      fetch("tether-py.zip").then((r) => { if (!r.ok) throw new Error(`tether-py.zip: ${r.status}`); return r.arrayBuffer(); }),
      fetch("story.json").then((r) => { if (!r.ok) throw new Error(`story.json: ${r.status}`); return r.text(); }),
      fetch("assignment.json").then((r) => (r.ok ? r.text() : "null")),
    ]);
    pyodide.unpackArchive(zip, "zip", { extractDir: "/home/pyodide/lib" });
    pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/lib')");
    pyodide.globals.set("story_json", story);
    pyodide.globals.set("assignment_json", assignment);
    game = pyodide.runPython("from game.web.bridge import WebGame\nWebGame(story_json, assignment_json=assignment_json)");
    titleInfo = call("title");
    if (!assigned()) titleInfo = call("restore", storage("get", STORE_FILES) || "");
    paragraphs($("about-text"), titleInfo.about || `${titleInfo.title}, version ${titleInfo.version}.`);
    paragraphs($("learn-more"), titleInfo.learn_more);
    timings.ready = performance.now();
    showTitle();
    document.body.dataset.ready = "1";
  } catch (err) {
    $("error-text").textContent = String(err && err.message ? err.message : err).slice(0, 2000);
    show("error", "error-h");
    document.body.dataset.ready = "error";
  }
}

start();
