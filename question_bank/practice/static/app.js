// dlprep practice page: plain JS, no build step, no CDN. Talks to the JSON API of question_bank.practice.app.
// Server HTML (prompts, MathML) is escaped on the server; everything typed by the student goes in as text.
"use strict";

// Every sentence of the page, in both languages (one table); DIAG: diagnosis codes → words.
const T = {
  zh: {
    title: "dlprep 练习", loading: "加载中…", answerMode: "答案", stepsMode: "逐步推导", yourAnswer: "你的答案",
    yourSteps: "你的推导（每行一步：f = …、df = …、= …、grad = …；也可粘贴 aligned 块）", check: "检查", solution: "看答案", next: "下一题",
    missed: "待重做", noMissed: "还没有错题。", reset: "清零", keys: "键盘",
    keysHelp: "Enter 检查 · Ctrl+Enter 检查推导 · N 下一题 · S 看答案 · / 输入答案 · Esc 离开输入框",
    foot: "本地运行，不联网；答案由 dlprep 在随机矩阵上检验",
    stepsHint: "每一步都会被检验；第一处错误会给出解释。",
    placeholder: "例如 2A^T(Ax-b)", placeholderNumber: "数字或矩阵，如 [0.1; 0.9]", stepsPlaceholder: "df = 2(Ax-b)^T A dx\n= tr(2(Ax-b)^T A dx)\ngrad = 2A^T(Ax-b)",
    readAs: "读作", shape: "形状", expected: "应为", cannotRead: "无法读取：", correct: "正确", incorrect: "不正确", incomplete: "还不完整",
    invalid: "无法检查", allTopics: "全部", allTypes: "全部题型", modelAnswer: "参考答案", steps: "推导（每步均经数值验证）",
    verified: "已验证", notVerified: "未通过验证", step: "第 {n} 步", follows: "由上一步正确推出",
    wrongEntries: "错误的元素已标红", noCheck: "这道题没有自动批改：先在下面写下你的回答，再点“看答案”，对照得分要点给自己打分。", draft: "你的回答（只留在本页，不会提交）", typeAs: "输入写法",
    score: "得分", scoreTitle: "首次作答得分 / 已作答题数",
    error: "出错了", none: "没有符合筛选条件的题目", keyPoints: "得分要点", retry: "重做", part: "第 ({label}) 问", points: "{p} 分",
    showExpected: "看应为的值", markOut: "自评：{got} / {of} 分", recordMark: "记下这个分数", tickPoints: "对照参考答案，勾选你答到的要点：",
    partial: "{right} / {all} 问正确（{pct}%）", progress: "各章掌握情况", weak: "练习我的薄弱章节", noProgress: "答几道题后，这里会显示各章的对错。",
    recurring: "常犯的错误", mathKeys: "数学键盘", textKeys: "文本输入", everyStep: "显示每一步", trace: "引擎的每一步",
    marking: "评分标准", chosen: "你选了 {letter}", tried: "{right} / {tried}", diagnosis: "诊断",
  },
  en: {
    title: "dlprep practice", loading: "Loading…", answerMode: "Answer", stepsMode: "Step by step", yourAnswer: "Your answer",
    yourSteps: "Your derivation (one step a line: f = …, df = …, = …, grad = …; or paste an aligned block)", check: "Check", solution: "Solution", next: "Next",
    missed: "To retry", noMissed: "Nothing missed yet.", reset: "Reset", keys: "Keyboard",
    keysHelp: "Enter check · Ctrl+Enter check a derivation · N next · S solution · / answer box · Esc leave the box",
    foot: "Runs locally, no network; answers checked by dlprep on random matrices",
    stepsHint: "Every step is checked and the first wrong one is explained.",
    placeholder: "e.g. 2A^T(Ax-b)", placeholderNumber: "a number or a matrix: [0.1; 0.9]", stepsPlaceholder: "df = 2(Ax-b)^T A dx\n= tr(2(Ax-b)^T A dx)\ngrad = 2A^T(Ax-b)",
    readAs: "read as", shape: "shape", expected: "expected", cannotRead: "cannot read: ", correct: "Correct", incorrect: "Not correct", incomplete: "Not complete",
    invalid: "Cannot check", allTopics: "All", allTypes: "All types", modelAnswer: "Model answer", steps: "Derivation (every step checked numerically)",
    verified: "verified", notVerified: "not verified", step: "step {n}", follows: "follows correctly from the step before",
    wrongEntries: "wrong entries in red", noCheck: "This one is not graded automatically: write your answer below, then open the solution and mark yourself against the key points.", draft: "Your answer (stays on this page, never sent)", typeAs: "typed as",
    score: "Score", scoreTitle: "points at first try / questions tried",
    error: "Something went wrong", none: "No question matches these filters", keyPoints: "Key points", retry: "retry", part: "Part ({label})", points: "{p} pts",
    showExpected: "Show the expected value", markOut: "Your mark: {got} / {of}", recordMark: "Record this mark", tickPoints: "Tick the key points your answer made:",
    partial: "{right} of {all} parts right ({pct}%)", progress: "By topic", weak: "Practise my weak topics", noProgress: "Answer a few questions to see your topics here.",
    recurring: "Mistakes you keep making", mathKeys: "Math keyboard", textKeys: "Text input", everyStep: "Show every step", trace: "Every step of the engine",
    marking: "Marking scheme", chosen: "you chose {letter}", tried: "{right} / {tried}", diagnosis: "diagnosis",
  },
};
const DIAG = {  // diagnosis code → what it means, in words
  zh: {
    sign: "符号错误", "term-sign": "某项符号错误", scale: "常数因子错误", transpose: "转置错误", "missing-transpose": "少了转置",
    "extra-transpose": "多了转置", "jacobian-for-gradient": "把 Jacobian 当成梯度", "gradient-for-jacobian": "把梯度当成 Jacobian",
    "missing-term": "少了一项", "missing-factor": "少了一个因子", "extra-term": "多了一项", "matmul-for-hadamard": "矩阵乘法应为逐元素乘",
    "hadamard-for-matmul": "逐元素乘应为矩阵乘法", "missing-flip": "卷积核没有翻转", "extra-flip": "卷积核不应翻转", "flipped-result": "结果被翻转",
    shape: "形状不对", "wrong-shape": "形状不对", "wrong-entries": "部分元素算错", "not-finite": "不是有限数", choice: "选错了", unknown: "与正确答案不同",
  },
  en: {
    sign: "wrong sign", "term-sign": "a term's sign", scale: "wrong constant factor", transpose: "transposed", "missing-transpose": "a missing transpose",
    "extra-transpose": "an extra transpose", "jacobian-for-gradient": "Jacobian given for the gradient", "gradient-for-jacobian": "gradient given for the Jacobian",
    "missing-term": "a missing term", "missing-factor": "a missing factor", "extra-term": "an extra term", "matmul-for-hadamard": "matrix product for an elementwise one",
    "hadamard-for-matmul": "elementwise product for a matrix product", "missing-flip": "kernel not flipped", "extra-flip": "kernel flipped needlessly", "flipped-result": "result flipped",
    shape: "wrong shape", "wrong-shape": "wrong shape", "wrong-entries": "some entries wrong", "not-finite": "not a finite number", choice: "wrong option", unknown: "differs from the answer",
  },
};
const MARK = { correct: "✓", incorrect: "✗", follows: "→", invalid: "!", incomplete: "…" };
const STORE = "dlprep-practice-v1";
const TOPICS = "ABCDEFG";
const $ = (id) => document.getElementById(id);
const touch = () => matchMedia("(pointer: coarse)").matches || navigator.maxTouchPoints > 0;
if (touch()) document.documentElement.classList.add("touch");  // math keyboard offered, keyboard help hidden

const state = { lang: "zh", mode: "answer", question: null, filters: null, topics: [], type: "", results: {}, tries: {}, previewTimers: {}, previewSeq: {}, fields: {} };
let saved = load();

function load() {
  const empty = { first: {}, missed: [], meta: {}, diag: {}, lang: null, topics: [], type: "" };
  try { return Object.assign(empty, JSON.parse(localStorage.getItem(STORE) || "{}")); } catch (e) { return empty; }
}
function save() { try { localStorage.setItem(STORE, JSON.stringify(saved)); } catch (e) { /* private mode: keep in memory */ } }
function t(key, vars) { let s = (T[state.lang] || T.en)[key] || T.en[key] || key; for (const k in vars || {}) s = s.replace("{" + k + "}", vars[k]); return s; }
function el(tag, cls, text) { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
function html(tag, cls, markup) { const e = el(tag, cls); e.innerHTML = markup; return e; }  // server-rendered, escaped there
function local(texts) { return texts ? texts[state.lang] || texts.en || "" : ""; }
function score(v) { return v === true ? 1 : v === false ? 0 : Number(v) || 0; }

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
  $("steps").placeholder = t("stepsPlaceholder");
  $("score").title = t("scoreTitle");
  renderFilters();
  if (state.question) { buildForm(); renderQuestion(); }
  renderMissed();
  renderProgress();
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
    b.dataset.topic = key;
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
  scrollCue();
}
function scrollCue() {  // a fade and an arrow while chips are hidden to the right (phone width)
  const box = $("topics");
  $("chips-wrap").classList.toggle("more", box.scrollWidth - box.clientWidth - box.scrollLeft > 4);
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
  state.tries = {};
  $("steps").value = "";
  $("draft").value = "";
  setMode(r.data.mode || "answer");
  buildForm();
  renderQuestion();
  if (state.question.checkable && !touch()) focusBox();
}
function renderMeta() {
  const q = state.question;
  $("q-topic").textContent = q && state.filters ? q.topic + " · " + state.filters.topics[q.topic][state.lang] : "";
  $("q-type").textContent = q ? q.type_name[state.lang] : "";
  $("q-points").textContent = q ? t("points", { p: q.points }) : "";
  $("q-id").textContent = q ? q.id : "";
}
function renderQuestion() {
  const q = state.question;
  renderMeta();
  if (!q) return;
  $("prompt").innerHTML = local(q.prompt_html);
  const choice = q.choices && q.choices.length;
  $("tab-steps").hidden = !stepsBlank();
  if (!stepsBlank() && state.mode === "steps") setMode("answer");
  $("check").hidden = !q.checkable || choice;
  $("tabs").hidden = !q.checkable || !stepsBlank();
  $("answer-pane").hidden = !q.checkable || state.mode !== "answer";
  $("draft-pane").hidden = q.checkable;
  if (!$("solution").hidden) showSolution();
}
function placeholder(b) { return t(b.shapes ? "placeholder" : "placeholderNumber"); }
function stepsBlank() { const q = state.question; return q ? q.blanks.find((b) => b.steps) : null; }
function choiceBlank() { const q = state.question; return q ? q.blanks.find((b) => b.kind === "choice") : null; }
function firstInput() { return document.querySelector("#blanks input.answer"); }
function focusBox() {
  const box = !state.question || !state.question.checkable ? $("draft") : state.mode === "steps" ? $("steps") : firstInput();
  if (box) box.focus();
}
function partLabel(b) {  // "(2) δ⁽²⁾ ∈ ℝ²", "(2)" when the part does not say what it asks
  const q = state.question;
  const label = el("label", "label");
  const many = q.blanks.filter((x) => x.kind !== "choice").length > 1;
  if (b.what_html) {
    if (many) label.append(el("span", "part", "(" + b.label + ")"));
    label.append(html("span", "what", local(b.what_html)));
  } else {
    label.append(el("span", "", many ? t("part", { label: b.label }) : t("yourAnswer")));
    if (b.shape && b.shape !== "scalar") label.append(el("span", "pts", t("shape") + " " + b.shape));
  }
  if (b.points && many) label.append(el("span", "pts", t("points", { p: b.points })));
  return label;
}

// the answer form: options for a choice question, else one box per blank with its preview and verdict
function buildForm() {
  const holder = $("blanks");
  const kept = {};
  holder.querySelectorAll("input.answer").forEach((i) => { kept[i.dataset.label] = i.value; });
  holder.textContent = "";
  state.fields = {};
  const q = state.question;
  if (q.choices && q.choices.length) { holder.append(choiceForm(q)); return; }
  for (const b of q.blanks) {
    const div = el("div", "blank");
    div.id = "blank-" + b.label;
    const input = el("input", "answer");
    Object.assign(input, { type: "text", id: "answer-" + b.label, autocomplete: "off", spellcheck: false, placeholder: placeholder(b) });
    input.setAttribute("autocapitalize", "off");
    input.dataset.label = b.label;
    input.value = kept[b.label] || "";
    const label = partLabel(b);
    label.htmlFor = input.id;
    const row = el("div", "answer-row");
    row.append(input);
    const mk = el("button", "mathkeys", "∑");
    Object.assign(mk, { type: "button", id: "mathkeys-" + b.label, title: t("mathKeys") });
    mk.setAttribute("aria-label", t("mathKeys"));
    mk.onclick = () => toggleMathField(b.label);
    row.append(mk);
    const pre = el("div", "preview");
    pre.id = "preview-" + b.label;
    pre.setAttribute("aria-live", "polite");
    const verdict = el("div", "verdict");
    verdict.id = "verdict-" + b.label;
    verdict.hidden = true;
    input.addEventListener("input", () => schedulePreview(b.label));
    div.append(label, row, pre, verdict);
    holder.append(div);
  }
}
function choiceForm(q) {
  const box = el("div", "choices");
  box.setAttribute("role", "group");
  for (const c of q.choices) {
    const b = el("button", "choice");
    b.type = "button";
    b.dataset.letter = c.letter;
    b.append(el("span", "letter", c.letter), html("span", "text", local(c.html)));
    b.onclick = () => checkChoice(c.letter);
    box.append(b);
  }
  const verdict = el("div", "verdict");
  verdict.id = "verdict-choice";
  verdict.hidden = true;
  box.append(verdict);
  return box;
}
function setMode(mode) {
  state.mode = mode;
  $("answer-pane").hidden = mode !== "answer";
  $("verdict-steps").hidden = true;
  $("steps-report").hidden = true;
  $("steps-pane").hidden = mode !== "steps";
  for (const m of ["answer", "steps"]) {
    $("tab-" + m).classList.toggle("on", mode === m);
    $("tab-" + m).setAttribute("aria-selected", mode === m);
  }
}

// ------------------------------------------------------------------ math keyboard (MathLive, vendored; touch devices)
let mathlive = null;
async function toggleMathField(label) {
  const input = $("answer-" + label);
  const open = state.fields[label];
  if (open) { open.remove(); delete state.fields[label]; input.hidden = false; $("mathkeys-" + label).classList.remove("on"); return; }
  if (!mathlive) {
    mathlive = await import("/static/mathlive.min.mjs");
    mathlive.MathfieldElement.fontsDirectory = "/static";
    mathlive.MathfieldElement.soundsDirectory = null;
  }
  const mf = new mathlive.MathfieldElement();
  mf.id = "mathfield-" + label;
  mf.className = "mathfield";
  mf.mathVirtualKeyboardPolicy = "auto";
  mf.smartFence = true;
  mf.addEventListener("input", () => { input.value = fromMathLive(mf.value); schedulePreview(label); });
  mf.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); check(label); } });
  input.hidden = true;
  input.after(mf);
  state.fields[label] = mf;
  $("mathkeys-" + label).classList.add("on");
  mf.focus();
}
// MathLive's LaTeX → the LaTeX the checker reads (one rule a line)
const LATEX_RULES = [
  [/\^\{\\prime\}|\^\\prime|\\prime/g, "'"], [/\\left\s*/g, ""], [/\\right\s*/g, ""], [/\\mathrm\{T\}|\\intercal/g, "T"],
  [/\\exponentialE/g, "e"], [/\\differentialD/g, "d"], [/\\placeholder\{\}/g, ""], [/\\,/g, " "],
];
function fromMathLive(latex) { return LATEX_RULES.reduce((s, [re, to]) => s.replace(re, to), latex); }

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
  if (!r.ok) { box.append(el("span", "k", t("cannotRead")), el("span", "", r.data.error || "")); return; }
  box.append(el("span", "k", t("readAs") + " "), html("span", "math", r.data.html));
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
  if (state.mode === "steps") return checkSteps();
  let any = false;
  for (const b of q.blanks) {
    if (only && b.label !== only) continue;
    const input = $("answer-" + b.label);
    if (!input || !input.value.trim()) continue;
    any = true;
    clearTimeout(state.previewTimers[b.label]);
    preview(b.label);  // the preview shows what is checked
    await checkBlank(b, input.value, (state.tries[b.label] || 0) > 0);
  }
  if (!any) { focusBox(); return; }
  settle();
}
async function checkBlank(b, answer, reveal) {
  const q = state.question;
  const v = await checkOne({ id: q.id, blank: b.label, answer, lang: state.lang, reveal });
  showVerdict($("verdict-" + b.label), v, () => checkBlank(b, answer, true));
  if (v.verdict === "correct" && v.proof_incomplete) state.results[b.label] = "incorrect";
  else if (v.verdict === "correct" || v.verdict === "incorrect") state.results[b.label] = v.verdict;
  if (v.verdict === "incorrect") { state.tries[b.label] = (state.tries[b.label] || 0) + 1; noteDiagnosis(v); }
}
// once every part has a verdict: the share of the points earned (partial credit per part)
function settle() {
  const q = state.question;
  const parts = q.blanks;
  if (!parts.every((b) => state.results[b.label])) return;
  const weight = (b) => b.points || 1;
  const total = parts.reduce((s, b) => s + weight(b), 0);
  const got = parts.reduce((s, b) => s + (state.results[b.label] === "correct" ? weight(b) : 0), 0);
  record(q.id, got / total);
  const box = $("partial");
  box.hidden = parts.length < 2;
  const right = parts.filter((b) => state.results[b.label] === "correct").length;
  box.textContent = t("partial", { right, all: parts.length, pct: Math.round((100 * got) / total) });
  if (got === total && document.activeElement) document.activeElement.blur();  // all right: N goes straight on
}
async function checkSteps() {
  const q = state.question;
  const steps = $("steps").value;
  if (!steps.trim()) { focusBox(); return; }
  const v = await checkOne({ id: q.id, blank: stepsBlank().label, steps, lang: state.lang });
  showVerdict($("verdict-steps"), v);
  showSteps(v);
  if (v.verdict === "correct" || v.verdict === "incorrect") record(q.id, v.verdict === "correct" && !v.proof_incomplete ? 1 : 0);
  if (v.verdict === "incorrect") noteDiagnosis(v);
}
async function checkChoice(letter) {
  const q = state.question;
  const blank = choiceBlank();
  const tried = state.tries.choice || 0;
  const v = await checkOne({ id: q.id, blank: blank ? blank.label : null, answer: letter, lang: state.lang, reveal: tried > 0 });
  document.querySelectorAll(".choice").forEach((b) => {
    if (b.dataset.letter === letter) b.classList.add(v.verdict === "correct" ? "right" : "wrong");
    if (v.right_choice && b.dataset.letter === v.right_choice) b.classList.add("right");
  });
  showVerdict($("verdict-choice"), v);
  if (v.verdict === "correct" || v.verdict === "incorrect") record(q.id, v.verdict === "correct" ? 1 : 0);
  if (v.verdict === "incorrect") { state.tries.choice = tried + 1; noteDiagnosis(v); }
}
async function checkOne(body) {
  $("check").disabled = true;
  const r = await api("/api/check", body);
  $("check").disabled = false;
  return r.data.verdict ? r.data : { verdict: "invalid", message: r.data.error || t("error") };
}
function noteDiagnosis(v) {
  saved.diag = saved.diag || {};
  for (const code of v.diagnosis || []) if (code !== "unknown") saved.diag[code] = (saved.diag[code] || 0) + 1;
  save();
  renderProgress();
}
function record(id, share) {
  if (!(id in saved.first)) saved.first[id] = share;  // the score counts first tries
  const q = state.question;
  saved.meta = saved.meta || {};
  if (q && q.id === id) saved.meta[id] = { topic: q.topic, type: q.type_name, title: q.title_html, last: share };
  saved.missed = saved.missed.filter((m) => m !== id);
  if (share < 1) saved.missed.unshift(id);  // the retry list keeps what is still not right
  saved.missed = saved.missed.slice(0, 50);
  const ids = Object.keys(saved.meta);
  for (const k of ids.slice(0, Math.max(0, ids.length - 500))) if (!saved.missed.includes(k)) delete saved.meta[k];
  save();
  renderScore();
  renderMissed();
  renderProgress();
}
function clearResult() {
  for (const id of ["verdict-steps", "steps-report", "solution", "partial"]) { $(id).hidden = true; $(id).textContent = ""; }
}
function showVerdict(box, v, revealAgain) {
  box.hidden = false;
  box.textContent = "";
  const kind = v.verdict === "correct" && v.proof_incomplete ? "incomplete" : v.verdict;
  box.className = "verdict " + kind;
  const head = el("div", "head");
  head.append(el("span", "mark", MARK[kind] || "!"), el("strong", "", t(kind)));
  for (const code of v.diagnosis || []) {
    const words = (DIAG[state.lang] || DIAG.en)[code];
    if (words && kind === "incorrect") head.append(el("span", "diag", words));
  }
  box.append(head);
  if (v.message) box.append(el("p", "msg", v.message));
  if (v.expected_html) { const p = el("p", "read"); p.append(el("span", "k", t("expected") + " "), html("span", "math", v.expected_html)); box.append(p); }
  const grid = Array.isArray(v.wrong_entries) && v.wrong_entries.length && Array.isArray(v.answer_values);
  if (grid) box.append(matrixGrid(v));
  if (kind === "incorrect" && !v.revealed && revealAgain) {
    const b = el("button", "link reveal", t("showExpected"));
    b.type = "button";
    b.onclick = revealAgain;
    box.append(b);
  }
}
function showSteps(v) {
  const list = $("steps-report");
  list.textContent = "";
  list.hidden = !(v.steps && v.steps.length);
  for (const s of v.steps || []) {
    const li = el("li", "step " + s.verdict);
    li.append(el("span", "mark", MARK[s.verdict] || "·"), el("span", "ln", t("step", { n: s.n })));
    const body = el("div", "body");
    body.append(s.html ? html("div", "m", s.html) : el("code", "", s.text));
    body.append(el("span", "where", s.where || ""));
    li.append(body);
    if (s.verdict === "incorrect" && s.message) li.append(el("div", "why", s.message));
    if (s.verdict === "follows") li.title = t("follows");
    list.append(li);
  }
}
function matrixGrid(v) {
  // wrong_entries: [[row, col, expected|null, got], …], 1-based; answer_values: the student's matrix
  const wrong = new Map(v.wrong_entries.map((e) => [e[0] - 1 + "," + (e[1] - 1), e[2]]));
  const table = el("table", "grid");
  v.answer_values.forEach((row, i) => {
    const tr = el("tr");
    row.forEach((x, j) => {
      const key = i + "," + j;
      const td = el("td", wrong.has(key) ? "wrong" : "ok", fmt(x));
      if (wrong.has(key) && wrong.get(key) !== null) td.title = t("expected") + " " + fmt(wrong.get(key));
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
  box.append(el("h3", "", t("modelAnswer")));
  if (s.choice) box.append(el("p", "display", s.choice));
  else for (const b of s.blanks) {
    const d = el("div", "display");
    if (s.blanks.length > 1) d.append(el("span", "part", "(" + b.label + ") "));
    d.append(html("span", "", b.html));
    const typed = el("div", "typed");
    typed.append(el("span", "k", t("typeAs") + " "), el("code", "", b.text));
    d.append(typed);
    box.append(d);
  }
  box.append(html("div", "answer-text", local(s.answer_html)));
  if (s.steps.length) {
    const head = el("div", "steps-head");
    head.append(el("h3", "", t("steps")));
    if (s.trace.length) {
      const lab = el("label", "toggle");
      const cb = el("input");
      Object.assign(cb, { type: "checkbox", id: "every-step" });
      cb.onchange = () => $("trace").classList.toggle("shown", cb.checked);
      lab.append(cb, document.createTextNode(" " + t("everyStep")));
      head.append(lab);
    }
    box.append(head);
    const cols = el("div", "model-cols");
    cols.append(stepList(s.steps, "model-steps"));
    if (s.trace.length) {
      const tr = el("div", "trace");
      tr.id = "trace";
      tr.append(el("h4", "", t("trace")), stepList(s.trace, "model-steps trace-steps"));
      cols.append(tr);
    }
    box.append(cols);
  }
  if (s.marking && s.marking.length) {
    box.append(el("h3", "", t("marking")));
    const ul = el("ul", "marking");
    for (const m of s.marking) { const li = html("li", "", local(m.html)); li.prepend(el("span", "pts", t("points", { p: m.points }))); ul.append(li); }
    box.append(ul);
  }
  if (s.key_points.length) {
    box.append(el("h3", "", t("keyPoints")));
    const selfMark = !q.checkable && !(q.id in saved.first);
    if (selfMark) box.append(el("p", "small muted", t("tickPoints")));
    const ul = el("ul", selfMark ? "key-points tick" : "key-points");
    s.key_points.forEach((p, k) => {
      const li = el("li");
      if (selfMark) {
        const cb = el("input");
        Object.assign(cb, { type: "checkbox", id: "kp-" + k });
        cb.onchange = updateMark;
        const lab = html("label", "", local(p));
        lab.htmlFor = cb.id;
        li.append(cb, lab);
      } else li.innerHTML = local(p);
      ul.append(li);
    });
    box.append(ul);
    if (selfMark) {
      const row = el("div", "self-mark");
      row.append(el("strong", "", ""), el("button", "", t("recordMark")));
      row.id = "self-mark";
      row.querySelector("button").type = "button";
      row.querySelector("button").onclick = () => { record(q.id, markShare()); row.querySelector("button").disabled = true; };
      box.append(row);
      updateMark();
    }
  }
}
function stepList(steps, cls) {
  const ol = el("ol", cls);
  for (const st of steps) {
    const li = el("li", st.verified ? "ok" : "unverified");
    li.append(el("span", "mark", st.verified ? "✓" : "?"), html("div", "m", st.html));
    const rule = local(st.rule);
    if (rule) li.append(el("span", "rule", rule));
    if (!st.verified) li.append(el("span", "rule bad", t("notVerified")));
    ol.append(li);
  }
  return ol;
}
function markShare() {
  const boxes = [...document.querySelectorAll(".key-points.tick input")];
  return boxes.length ? boxes.filter((b) => b.checked).length / boxes.length : 0;
}
function updateMark() {
  const q = state.question;
  const got = Math.round(markShare() * q.points * 2) / 2;
  const row = $("self-mark");
  if (row) row.querySelector("strong").textContent = t("markOut", { got, of: q.points });
}

// ------------------------------------------------------------------ score, retry list, topics
function renderScore() {
  const firsts = Object.values(saved.first).map(score);
  $("score-right").textContent = String(Math.round(firsts.reduce((a, b) => a + b, 0) * 10) / 10);
  $("score-tried").textContent = firsts.length;
}
function renderMissed() {
  const ul = $("missed");
  ul.textContent = "";
  for (const id of saved.missed) {
    const meta = (saved.meta || {})[id];
    const li = el("li");
    const b = el("button", "link retry");
    b.type = "button";
    b.title = t("retry") + " " + id;
    b.dataset.id = id;
    if (meta && meta.title) b.innerHTML = local(meta.title); else b.textContent = id;
    b.onclick = () => next(id);
    li.append(b);
    if (meta && state.filters) {
      const topic = state.filters.topics[meta.topic];
      li.append(el("span", "missed-tag", meta.topic + " " + (topic ? topic[state.lang] : "") + " · " + local(meta.type)));
    }
    ul.append(li);
  }
  $("missed-empty").hidden = saved.missed.length > 0;
}
function topicStats() {  // catalog section → {right, tried} from first tries
  const stats = {};
  for (const [id, share] of Object.entries(saved.first)) {
    const meta = (saved.meta || {})[id];
    const topic = meta ? meta.topic : null;
    if (!topic) continue;
    stats[topic] = stats[topic] || { right: 0, tried: 0 };
    stats[topic].right += score(share);
    stats[topic].tried += 1;
  }
  return stats;
}
function weakTopics() {
  const stats = topicStats();
  return Object.keys(stats).filter((k) => stats[k].right / stats[k].tried < 0.75)
    .sort((a, b) => stats[a].right / stats[a].tried - stats[b].right / stats[b].tried).slice(0, 3);
}
function renderProgress() {
  const box = $("progress");
  if (!box || !state.filters) return;
  box.textContent = "";
  const stats = topicStats();
  if (!Object.keys(stats).length) { box.append(el("p", "muted small", t("noProgress"))); $("weak").hidden = true; return; }
  const table = el("table", "topics-table");
  for (const k of TOPICS) {
    const s = stats[k];
    const name = state.filters.topics[k] ? state.filters.topics[k][state.lang] : k;
    const tr = el("tr", s ? "" : "untried");
    tr.dataset.topic = k;
    tr.append(el("th", "", k), el("td", "name", name));
    const cell = el("td", "bar");
    if (s) {
      const bar = el("span", "fill");
      bar.style.width = Math.round((100 * s.right) / s.tried) + "%";
      const track = el("span", "track");
      track.append(bar);
      cell.append(track, el("span", "n", t("tried", { right: Math.round(s.right * 10) / 10, tried: s.tried })));
    }
    tr.append(cell);
    table.append(tr);
  }
  box.append(table);
  const codes = Object.entries(saved.diag || {}).filter(([, n]) => n > 1).sort((a, b) => b[1] - a[1]).slice(0, 3);
  if (codes.length) {
    box.append(el("h3", "", t("recurring")));
    const ul = el("ul", "recurring");
    for (const [code, n] of codes) ul.append(el("li", "", ((DIAG[state.lang] || DIAG.en)[code] || code) + " × " + n));
    box.append(ul);
  }
  $("weak").hidden = !weakTopics().length;
}

// ------------------------------------------------------------------ wiring
function typing(e) { const n = e.target.nodeName; return n === "INPUT" || n === "TEXTAREA" || n === "SELECT" || n === "MATH-FIELD"; }
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
  $("topics").addEventListener("scroll", scrollCue, { passive: true });
  window.addEventListener("resize", scrollCue);
  $("lang").onclick = () => {
    state.lang = state.lang === "zh" ? "en" : "zh"; saved.lang = state.lang; save(); applyLang();
    for (const b of (state.question || { blanks: [] }).blanks) schedulePreview(b.label);
  };
  $("tab-answer").onclick = () => { setMode("answer"); renderQuestion(); focusBox(); };
  $("tab-steps").onclick = () => { setMode("steps"); renderQuestion(); focusBox(); };
  $("weak").onclick = () => { state.topics = weakTopics(); persistFilters(); };
  $("reset").onclick = () => { saved.first = {}; saved.missed = []; saved.meta = {}; saved.diag = {}; save(); renderScore(); renderMissed(); renderProgress(); };
  applyLang();
  renderScore();
  await next(new URLSearchParams(location.search).get("q") || undefined);  // /?q=<id> opens that question
  document.body.dataset.ready = "1";
}
start();
