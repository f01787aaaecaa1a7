// dlprep practice page: plain JS, no build step, no CDN. Talks to the JSON API of question_bank.practice.app.
// Server HTML (prompts, MathML) is escaped on the server; everything typed by the student goes in as text.
"use strict";

const T = {
  zh: {
    title: "dlprep 练习", loading: "加载中…", answerMode: "答案", stepsMode: "逐步推导", yourAnswer: "你的答案",
    yourSteps: "你的推导（每行一步：f = …、df = …、= …、grad = …）", check: "检查", solution: "看答案", next: "下一题",
    missed: "错题", noMissed: "还没有错题。", reset: "清零", keys: "键盘",
    keysHelp: "Enter 检查 · Ctrl+Enter 检查推导 · N 下一题 · S 看答案 · / 输入答案 · Esc 离开输入框",
    foot: "本地运行，不联网；答案由 dlprep 在随机矩阵上检验",
    stepsHint: "粘贴完整推导，每一步都会被检验；第一处错误会给出解释。",
    placeholder: "例如 2A^T(Ax-b) 或 2 A^\\top (A x - b)", placeholderNumber: "数字或矩阵，例如 0.25、[0.1; 0.9]（列向量）、[1, 2; 3, 4]", stepsPlaceholder: "df = 2(Ax-b)^T A dx\n= tr(2(Ax-b)^T A dx)\ngrad = 2A^T(Ax-b)",
    readAs: "读作", shape: "形状", expected: "应为", cannotRead: "无法读取", correct: "正确", incorrect: "不正确",
    invalid: "无法检查", allTopics: "全部", allTypes: "全部题型", modelAnswer: "参考答案", steps: "推导（每步均经数值验证）",
    verified: "已验证", notVerified: "未通过验证", line: "第 {n} 行", follows: "由上一步正确推出",
    wrongEntries: "错误的元素已标红", firstWrong: "第一处错误在第 {n} 行，见下方说明。", allSteps: "全部 {n} 步都正确。", noCheck: "这道题没有自动批改：先写下你的回答，再点“看答案”，对照得分要点自评。", draft: "你的回答（只留在本页，不会提交）", typeAs: "输入写法", score: "首次作答正确 / 已作答",
    error: "出错了", none: "没有符合筛选条件的题目", keyPoints: "得分要点", retry: "重做", part: "第 ({label}) 问",
    selfGrade: "对照参考答案，你答对了吗？", selfRight: "答对了", selfWrong: "没答对", expectedValue: "应为 {v}",
  },
  en: {
    title: "dlprep practice", loading: "Loading…", answerMode: "Answer", stepsMode: "Step by step", yourAnswer: "Your answer",
    yourSteps: "Your derivation (one step a line: f = …, df = …, = …, grad = …)", check: "Check", solution: "Solution", next: "Next",
    missed: "To retry", noMissed: "Nothing missed yet.", reset: "Reset", keys: "Keyboard",
    keysHelp: "Enter check · Ctrl+Enter check a derivation · N next · S solution · / answer box · Esc leave the box",
    foot: "Runs locally, no network; answers checked by dlprep on random matrices",
    stepsHint: "Paste a whole derivation: every step is checked and the first wrong one is explained.",
    placeholder: "e.g. 2A^T(Ax-b) or 2 A^\\top (A x - b)", placeholderNumber: "a number or a matrix: 0.25, [0.1; 0.9] (a column), [1, 2; 3, 4]", stepsPlaceholder: "df = 2(Ax-b)^T A dx\n= tr(2(Ax-b)^T A dx)\ngrad = 2A^T(Ax-b)",
    readAs: "read as", shape: "shape", expected: "expected", cannotRead: "cannot read", correct: "Correct", incorrect: "Not correct",
    invalid: "Cannot check", allTopics: "All", allTypes: "All types", modelAnswer: "Model answer", steps: "Derivation (every step checked numerically)",
    verified: "verified", notVerified: "not verified", line: "line {n}", follows: "follows correctly from the step before",
    wrongEntries: "wrong entries in red", firstWrong: "The first wrong step is line {n}: see below.", allSteps: "All {n} steps check out.", noCheck: "This one is not graded automatically: write your answer, then open the solution and grade yourself against the key points.", draft: "Your answer (stays on this page, never sent)", typeAs: "typed as",
    score: "right at first try / tried", error: "Something went wrong", none: "No question matches these filters", keyPoints: "Key points", retry: "retry", part: "Part ({label})",
    selfGrade: "Compare with the model answer: did you get it?", selfRight: "Got it", selfWrong: "Missed it", expectedValue: "expected {v}",
  },
};
const MARK = { correct: "✓", incorrect: "✗", follows: "→", invalid: "!" };
const STORE = "dlprep-practice-v1";
const $ = (id) => document.getElementById(id);

const state = { lang: "zh", mode: "answer", question: null, filters: null, topics: [], type: "", results: {}, previewTimers: {}, previewSeq: {} };
let saved = load();

function load() {
  try { return Object.assign({ first: {}, missed: [], lang: null, topics: [], type: "" }, JSON.parse(localStorage.getItem(STORE) || "{}")); }
  catch (e) { return { first: {}, missed: [], lang: null, topics: [], type: "" }; }
}
function save() { try { localStorage.setItem(STORE, JSON.stringify(saved)); } catch (e) { /* private mode: keep in memory */ } }
function t(key, vars) { let s = (T[state.lang] || T.en)[key] || T.en[key] || key; for (const k in vars || {}) s = s.replace("{" + k + "}", vars[k]); return s; }
function el(tag, cls, text) { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }

async function api(path, body) {
  const opts = body === undefined ? {} : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
  const res = await fetch(path, opts);
  let data = null;
  try { data = await res.json(); } catch (e) { data = { error: res.statusText || t("error") }; }
  return { ok: res.ok, status: res.status, data };
}

// ------------------------------------------------------------------ language
function applyLang() {
  document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
  document.querySelectorAll("[data-t]").forEach((e) => { e.textContent = t(e.dataset.t); });
  $("lang").textContent = state.lang === "zh" ? "EN" : "中文";
  for (const b of state.question ? state.question.blanks : []) { const i = $("answer-" + b.label); if (i) i.placeholder = placeholder(b); }
  $("steps").placeholder = t("stepsPlaceholder");
  $("score").title = t("score");
  renderFilters();
  renderQuestion();
  renderMissed();
}

// ------------------------------------------------------------------ filters
function renderFilters() {
  if (!state.filters) return;
  const box = $("topics");
  box.textContent = "";
  const all = el("button", "chip" + (state.topics.length ? "" : " on"), t("allTopics"));
  all.type = "button";
  all.onclick = () => { state.topics = []; persistFilters(); };
  box.append(all);
  for (const [key, names] of Object.entries(state.filters.topics)) {
    const b = el("button", "chip" + (state.topics.includes(key) ? " on" : ""), key + " " + names[state.lang]);
    b.type = "button";
    b.setAttribute("aria-pressed", state.topics.includes(key));
    b.onclick = () => {
      state.topics = state.topics.includes(key) ? state.topics.filter((k) => k !== key) : [...state.topics, key];
      persistFilters();
    };
    box.append(b);
  }
  const sel = $("type");
  sel.textContent = "";
  sel.append(new Option(t("allTypes"), ""));
  for (const [key, names] of Object.entries(state.filters.types)) sel.append(new Option(names[state.lang], key));
  sel.value = state.type;
}
function persistFilters() { saved.topics = state.topics; saved.type = state.type; save(); renderFilters(); next(); }

// ------------------------------------------------------------------ question
async function next(id) {
  const q = new URLSearchParams();
  if (state.topics.length) q.set("topic", state.topics.join(","));
  if (state.type) q.set("type", state.type);
  const r = await api(id ? "/api/question/" + encodeURIComponent(id) : "/api/question?" + q);
  clearResult();
  if (!r.ok) { state.question = null; $("prompt").textContent = r.status === 404 && !id ? t("none") : r.data.error; renderMeta(); return; }
  state.question = r.data;
  state.results = {};
  $("steps").value = "";
  $("draft").value = "";
  buildBlanks();
  renderQuestion();
  if (state.question.checkable && !matchMedia("(pointer: coarse)").matches) focusBox();
}
function renderMeta() {
  const q = state.question;
  $("q-topic").textContent = q && state.filters ? q.topic + " · " + state.filters.topics[q.topic][state.lang] : "";
  $("q-type").textContent = q ? q.type_name[state.lang] : "";
  $("q-id").textContent = q ? q.id : "";
}
function renderQuestion() {
  const q = state.question;
  renderMeta();
  if (!q) return;
  $("prompt").innerHTML = q.prompt_html[state.lang] || q.prompt_html.en;  // server-rendered, escaped
  $("tab-steps").hidden = !stepsBlank();
  if (!stepsBlank() && state.mode === "steps") setMode("answer");
  $("check").hidden = !q.checkable;
  $("tabs").hidden = !q.checkable || !stepsBlank();
  $("answer-pane").hidden = !q.checkable || state.mode !== "answer";
  $("draft-pane").hidden = q.checkable;
  for (const b of q.blanks) {
    const lab = document.querySelector(`#blank-${CSS.escape(b.label)} .label`);
    if (lab) lab.textContent = q.blanks.length > 1 ? t("part", { label: b.label }) : t("yourAnswer");
  }
  if (!$("solution").hidden) showSolution();
}
function placeholder(b) { return t(b.shapes ? "placeholder" : "placeholderNumber"); }
function stepsBlank() { const q = state.question; return q ? q.blanks.find((b) => b.steps) : null; }
function firstInput() { return document.querySelector("#blanks input"); }
function focusBox() {
  const box = !state.question || !state.question.checkable ? $("draft") : state.mode === "steps" ? $("steps") : firstInput();
  if (box) box.focus();
}

// one answer box per blank, each with its live preview and its verdict
function buildBlanks() {
  const holder = $("blanks");
  holder.textContent = "";
  for (const b of state.question.blanks) {
    const div = el("div", "blank");
    div.id = "blank-" + b.label;
    const input = el("input", "answer");
    Object.assign(input, { type: "text", id: "answer-" + b.label, autocomplete: "off", spellcheck: false, placeholder: placeholder(b) });
    input.setAttribute("autocapitalize", "off");
    input.dataset.label = b.label;
    const label = el("label", "label", "");
    label.htmlFor = input.id;
    const pre = el("div", "preview");
    pre.id = "preview-" + b.label;
    pre.setAttribute("aria-live", "polite");
    const verdict = el("div", "verdict");
    verdict.id = "verdict-" + b.label;
    verdict.hidden = true;
    input.addEventListener("input", () => schedulePreview(b.label));
    div.append(label, input, pre, verdict);
    holder.append(div);
  }
}
function setMode(mode) {
  state.mode = mode;
  $("answer-pane").hidden = mode !== "answer";
  $("verdict-steps").hidden = true;
  $("steps-report").hidden = true;
  $("steps-pane").hidden = mode !== "steps";
  $("tab-answer").classList.toggle("on", mode === "answer");
  $("tab-steps").classList.toggle("on", mode === "steps");
  $("tab-answer").setAttribute("aria-selected", mode === "answer");
  $("tab-steps").setAttribute("aria-selected", mode === "steps");
}

// ------------------------------------------------------------------ live preview (debounced /api/parse)
function schedulePreview(label) {
  clearTimeout(state.previewTimers[label]);
  state.previewTimers[label] = setTimeout(() => preview(label), 220);
}
async function preview(label) {
  const input = $("answer-" + label);
  const box = $("preview-" + label);
  if (!input || !box) return;
  const text = input.value;
  if (!text.trim() || !state.question) { box.textContent = ""; return; }
  const seq = (state.previewSeq[label] || 0) + 1;
  state.previewSeq[label] = seq;
  const r = await api("/api/parse", { text, id: state.question.id, blank: label, lang: state.lang });
  if (seq !== state.previewSeq[label]) return;  // a newer keystroke won
  box.textContent = "";
  box.className = "preview" + (r.ok ? "" : " bad");
  if (!r.ok) { box.append(el("span", "k", t("cannotRead") + ": "), el("span", "", r.data.error || "")); return; }
  const math = el("span", "math");
  math.innerHTML = r.data.html;  // MathML from the server
  box.append(el("span", "k", t("readAs") + " "), math);
  if (r.data.shape) {
    const ok = !r.data.expected_shape || r.data.shape === r.data.expected_shape;
    const s = el("span", "shape" + (ok ? "" : " off"), t("shape") + " " + r.data.shape);
    if (!ok) s.textContent += " (" + t("expected") + " " + r.data.expected_shape + ")";
    box.append(s);
  }
}

// ------------------------------------------------------------------ checking
async function check(only) {
  const q = state.question;
  if (!q || !q.checkable) return;
  if (state.mode === "steps") {
    const steps = $("steps").value;
    if (!steps.trim()) { focusBox(); return; }
    const v = await checkOne({ id: q.id, blank: stepsBlank().label, steps, lang: state.lang });
    showVerdict($("verdict-steps"), v);
    showSteps(v);
    return;
  }
  let any = false;
  for (const b of q.blanks) {
    if (only && b.label !== only) continue;
    const input = $("answer-" + b.label);
    if (!input.value.trim()) continue;
    any = true;
    clearTimeout(state.previewTimers[b.label]);
    preview(b.label);  // the preview shows what is checked
    const v = await checkOne({ id: q.id, blank: b.label, answer: input.value, lang: state.lang });
    showVerdict($("verdict-" + b.label), v);
    if (v.verdict === "correct" || v.verdict === "incorrect") state.results[b.label] = v.verdict;
  }
  if (!any) { focusBox(); return; }
  const verdicts = q.blanks.map((b) => state.results[b.label]);
  if (verdicts.includes("incorrect")) record(q.id, false);
  else if (verdicts.every((v) => v === "correct")) {
    record(q.id, true);
    document.activeElement.blur();  // all right: N goes straight to the next question
  }
}
async function checkOne(body) {
  $("check").disabled = true;
  const r = await api("/api/check", body);
  $("check").disabled = false;
  return r.data.verdict ? r.data : { verdict: "invalid", message: r.data.error || t("error") };
}
function record(id, right) {
  if (!(id in saved.first)) saved.first[id] = right;  // the score counts first tries
  const q = state.question;
  if (q && q.id === id) { saved.meta = saved.meta || {}; saved.meta[id] = { topic: q.topic, type: q.type_name }; }
  saved.missed = saved.missed.filter((m) => m !== id);
  if (!right) saved.missed.unshift(id);  // the retry list keeps what is still wrong
  saved.missed = saved.missed.slice(0, 50);
  for (const k of Object.keys(saved.meta || {})) if (!saved.missed.includes(k)) delete saved.meta[k];
  save();
  renderScore();
  renderMissed();
}
function clearResult() {
  for (const id of ["verdict-steps", "steps-report", "solution"]) { $(id).hidden = true; $(id).textContent = ""; }
  $("self-grade").hidden = true;
}
function showVerdict(box, v, quiet) {
  box.hidden = false;
  box.textContent = "";
  box.className = "verdict " + v.verdict;
  const head = el("div", "head");
  head.append(el("span", "mark", MARK[v.verdict] || "!"), el("strong", "", t(v.verdict)));
  for (const code of v.diagnosis || []) head.append(el("span", "code", code));
  box.append(head);
  const steps = v.steps || [];
  const firstBad = steps.find((s) => s.verdict === "incorrect");
  const summary = !steps.length ? v.message : firstBad ? t("firstWrong", { n: firstBad.line }) : t("allSteps", { n: steps.length });
  if (summary) box.append(el("p", "msg", summary));
  const grid = Array.isArray(v.wrong_entries) && v.wrong_entries.length && Array.isArray(v.answer_values);
  if (v.read_as_html && !quiet && !grid && state.mode === "steps") {
    const p = el("p", "read");
    const m = el("span", "math");
    m.innerHTML = v.read_as_html;
    p.append(el("span", "k", t("readAs") + " "), m);
    box.append(p);
  }
  if (grid) box.append(matrixGrid(v));
}
function showSteps(v) {
  const list = $("steps-report");
  list.textContent = "";
  list.hidden = !(v.steps && v.steps.length);
  for (const s of v.steps || []) {
    const li = el("li", "step " + s.verdict);
    li.append(el("span", "mark", MARK[s.verdict] || "·"), el("span", "ln", t("line", { n: s.line })), el("code", "", s.text));
    if (s.verdict === "incorrect" && s.message) li.append(el("div", "why", s.message));
    if (s.verdict === "follows") li.title = t("follows");
    list.append(li);
  }
}
function matrixGrid(v) {
  // wrong_entries: [[row, col, expected, got], …], 1-based; answer_values: the student's matrix
  const wrong = new Map(v.wrong_entries.map((e) => [e[0] - 1 + "," + (e[1] - 1), e[2]]));
  const table = el("table", "grid");
  v.answer_values.forEach((row, i) => {
    const tr = el("tr");
    row.forEach((x, j) => {
      const key = i + "," + j;
      const td = el("td", wrong.has(key) ? "wrong" : "ok", fmt(x));
      if (wrong.has(key)) td.title = t("expectedValue", { v: fmt(wrong.get(key)) });
      tr.append(td);
    });
    table.append(tr);
  });
  const wrap = el("div", "grid-wrap");
  wrap.append(table, el("span", "small muted", t("wrongEntries")));
  return wrap;
}
function fmt(x) { return String(+Number(x).toPrecision(4)); }

// ------------------------------------------------------------------ solution
async function showSolution() {
  const q = state.question;
  if (!q) return;
  const r = await api("/api/solution/" + encodeURIComponent(q.id));
  const box = $("solution");
  box.hidden = false;
  box.textContent = "";
  if (!r.ok) { box.append(el("p", "bad", r.data.error)); return; }
  const s = r.data;
  $("self-grade").hidden = q.checkable || q.id in saved.first;
  box.append(el("h3", "", t("modelAnswer")));
  for (const b of s.blanks) {
    const d = el("div", "display");
    if (s.blanks.length > 1) d.append(el("span", "part", "(" + b.label + ") "));
    const m = el("span");
    m.innerHTML = b.html;
    d.append(m);
    const typed = el("div", "typed");
    typed.append(el("span", "k", t("typeAs") + " "), el("code", "", b.text));
    d.append(typed);
    box.append(d);
  }
  const text = el("div", "answer-text");
  text.innerHTML = s.answer_html[state.lang] || s.answer_html.en;
  box.append(text);
  if (s.steps.length) {
    box.append(el("h3", "", t("steps")));
    const ol = el("ol", "model-steps");
    for (const st of s.steps) {
      const li = el("li", st.verified ? "ok" : "unverified");
      const m = el("div", "m");
      m.innerHTML = st.html;
      li.append(el("span", "mark", st.verified ? "✓" : "?"), m);
      const rule = st.rule[state.lang] || st.rule.en;
      if (rule) li.append(el("span", "rule", rule));
      if (!st.verified) li.append(el("span", "rule bad", t("notVerified")));
      ol.append(li);
    }
    box.append(ol);
  }
  if (s.key_points.length) {
    box.append(el("h3", "", t("keyPoints")));
    const ul = el("ul");
    for (const p of s.key_points) { const li = el("li"); li.innerHTML = p[state.lang] || p.en; ul.append(li); }
    box.append(ul);
  }
}

// ------------------------------------------------------------------ score and missed list
function renderScore() {
  const firsts = Object.values(saved.first);
  $("score-right").textContent = firsts.filter(Boolean).length;
  $("score-tried").textContent = firsts.length;
}
function renderMissed() {
  const ul = $("missed");
  ul.textContent = "";
  for (const id of saved.missed) {
    const li = el("li");
    const b = el("button", "link", id);
    b.type = "button";
    b.title = t("retry");
    b.onclick = () => next(id);
    li.append(b);
    const meta = (saved.meta || {})[id];
    if (meta) li.append(el("span", "missed-tag", meta.topic + " · " + (meta.type[state.lang] || meta.type.en)));
    ul.append(li);
  }
  $("missed-empty").hidden = saved.missed.length > 0;
}

// ------------------------------------------------------------------ wiring
function typing(e) { const n = e.target.nodeName; return n === "INPUT" || n === "TEXTAREA" || n === "SELECT"; }
document.addEventListener("keydown", (e) => {
  if (e.isComposing) return;  // an IME is composing Chinese: Enter belongs to it
  if (e.key === "Enter" && e.target.classList.contains("answer")) { e.preventDefault(); check(e.target.dataset.label); return; }
  if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && e.target.id === "steps") { e.preventDefault(); check(); return; }
  if (e.key === "Escape" && typing(e)) { e.target.blur(); return; }
  if (typing(e) || e.ctrlKey || e.metaKey || e.altKey) return;
  const k = e.key.toLowerCase();
  if (k === "n") { e.preventDefault(); next(); }
  else if (k === "s") { e.preventDefault(); showSolution(); }
  else if (k === "/") { e.preventDefault(); focusBox(); }
  else if (k === "enter" && e.target.nodeName !== "BUTTON") { e.preventDefault(); check(); }
});

async function start() {
  const r = await api("/api/filters");
  state.filters = r.ok ? r.data : { topics: {}, types: {}, lang: "zh", default_topics: [], default_types: [] };
  state.lang = saved.lang || state.filters.lang || "zh";
  state.topics = saved.topics.length ? saved.topics : state.filters.default_topics;
  state.type = saved.type || (state.filters.default_types.length === 1 ? state.filters.default_types[0] : "");
  $("check").onclick = () => check();
  $("next").onclick = () => next();
  $("show").onclick = showSolution;
  $("type").onchange = (e) => { state.type = e.target.value; persistFilters(); };
  $("lang").onclick = () => {
    state.lang = state.lang === "zh" ? "en" : "zh"; saved.lang = state.lang; save(); applyLang();
    for (const b of (state.question || { blanks: [] }).blanks) schedulePreview(b.label);
  };
  $("self-right").onclick = () => { record(state.question.id, true); $("self-grade").hidden = true; };
  $("self-wrong").onclick = () => { record(state.question.id, false); $("self-grade").hidden = true; };
  $("tab-answer").onclick = () => { setMode("answer"); focusBox(); };
  $("tab-steps").onclick = () => { setMode("steps"); focusBox(); };
  $("reset").onclick = () => { saved.first = {}; saved.missed = []; saved.meta = {}; save(); renderScore(); renderMissed(); };
  applyLang();
  renderScore();
  await next(new URLSearchParams(location.search).get("q") || undefined);  // /?q=<id> opens that question
  document.body.dataset.ready = "1";
}
start();
