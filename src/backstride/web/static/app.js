// backstride's pages: every change goes through the JSON API (/api, described at /openapi.json).
"use strict";

const FINISHED = ["done", "partial", "failed"]; // a job that ends (partial: results written, a clip refused)

const csrf = () => document.querySelector('meta[name="csrf-token"]').content;

async function api(method, url, body) {
  const init = { method, headers: { "X-CSRF-Token": csrf() }, credentials: "same-origin" };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(url, init);
  if (!response.ok) {
    const data = await response.clone().json().catch(() => ({}));
    const error = new Error(await detail(response));
    error.fields = Array.isArray(data.fields) ? data.fields : []; // the questions a 422 names
    throw error;
  }
  return response.status === 204 ? null : response.json();
}

async function detail(response) {
  try {
    const data = await response.json();
    if (typeof data.detail === "string") return data.detail;
    if (Array.isArray(data.detail)) return data.detail.map((d) => `${(d.loc || []).slice(1).join(".")}: ${d.msg}`).join("; ");
  } catch (e) { /* not JSON */ }
  return `${response.status} ${response.statusText}`;
}

function showError(id, message) {
  const box = document.getElementById(id) || document.getElementById("page-error");
  box.textContent = message;
  box.hidden = !message;
  if (message) box.scrollIntoView({ block: "center" });
}

// Upload one file as the request body, with a progress bar (XHR: fetch has no upload progress).
function upload(url, file, bar) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("X-CSRF-Token", csrf());
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    bar.hidden = false;
    bar.value = 0;
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) bar.value = e.loaded / e.total; };
    xhr.onload = () => {
      let data = {};
      try { data = JSON.parse(xhr.responseText); } catch (e) { /* keep {} */ }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data);
      else reject(new Error(typeof data.detail === "string" ? data.detail : `upload failed (${xhr.status})`));
    };
    xhr.onerror = () => reject(new Error("the upload was cut off"));
    xhr.send(file);
  });
}

function verdictHtml(zone, result) {
  const box = zone.querySelector(".verdict");
  box.replaceChildren();
  const head = document.createElement("p");
  head.className = `state ${result.capture ? result.capture.verdict : "ok"}`;
  head.textContent = result.capture ? `capture check: ${result.capture.verdict}` : "photo received";
  if (result.capture && result.capture.verdict === "fail") head.textContent += " (this clip cannot be analysed: drop another)";
  box.append(head);
  if (!result.capture) return;
  const list = document.createElement("ul");
  for (const c of result.capture.checks) {
    const item = document.createElement("li");
    item.className = c.status;
    item.textContent = `${c.name}: ${c.value}${c.advice ? " (" + c.advice + ")" : ""}`;
    list.append(item);
  }
  box.append(list);
}

// Files chosen with the zone's file input or dropped on the zone go to take(files).
function onFiles(zone, input, take) {
  input.addEventListener("change", () => take(input.files));
  zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (e) => { e.preventDefault(); zone.classList.remove("over"); take(e.dataTransfer.files); });
}

const uploaded = { side: null, rear: null, photos: [] };
const refusedClips = new Set(); // roles whose clip failed its capture check: Start waits for another

function updateStart() {
  const start = document.getElementById("start");
  if (!start) return;
  start.disabled = refusedClips.size > 0;
  start.title = refusedClips.size ? `the ${[...refusedClips].join(" and ")} clip failed its capture check: drop another` : "";
}

function setupDrop(zone) {
  const input = zone.querySelector('input[type="file"]');
  const bar = zone.querySelector("progress");
  const kind = zone.dataset.upload;
  const take = async (files) => {
    for (const file of files) {
      const box = zone.querySelector(".verdict");
      box.textContent = `uploading ${file.name}…`;
      try {
        const runner = zone.closest("form")?.dataset.runner; // deleted with the runner if never used
        const base = kind === "clip" ? "/api/clips" : "/api/photos";
        const result = await upload(runner ? `${base}?runner_id=${encodeURIComponent(runner)}` : base, file, bar);
        const failed = kind === "clip" && result.capture && result.capture.verdict === "fail";
        if (kind === "clip") uploaded[zone.dataset.role] = failed ? null : result.sha256;
        else uploaded.photos.push(result.sha256);
        if (kind === "clip") (failed ? refusedClips.add(zone.dataset.role) : refusedClips.delete(zone.dataset.role));
        updateStart();
        verdictHtml(zone, result);
        zone.classList.toggle("done", !failed);
      } catch (err) {
        box.textContent = `${file.name}: ${err.message}`;
        box.className = "verdict error-box";
        if (kind === "clip") uploaded[zone.dataset.role] = null;
      }
    }
  };
  onFiles(zone, input, take);
}

// The form's answers as typed: field -> text, or the ticked choices comma-separated.
function formAnswers(form) {
  const out = {};
  for (const q of form.querySelectorAll(".q")) {
    if (q.hidden) continue;
    const field = q.dataset.field;
    const ticked = [...q.querySelectorAll("input:checked")].map((i) => i.value);
    const typed = q.querySelector('input[type="number"], input[type="text"], input[type="date"]');
    const value = typed ? typed.value.trim() : ticked.join(",");
    if (value !== "") out[field] = value;
  }
  return out;
}

function legPain(form) {
  return [...form.querySelectorAll('input[name="pain.locations"]:checked')].some((i) => ["thigh", "below_knee", "foot"].includes(i.value));
}

function answerOf(form, field) {
  const typed = form.querySelector(`input[name="${field}"][type="number"], input[name="${field}"][type="text"]`);
  if (typed) return [typed.value.trim()];
  return [...form.querySelectorAll(`input[name="${field}"]:checked`)].map((i) => i.value);
}

// The same rule as triage.form.asked: any one condition (field, "in", choices) or (field, "min", number).
function wanted(form, q) {
  if (q.classList.contains("pain-only") && answerOf(form, "pain.has_pain").includes("no")) return false;
  if (q.classList.contains("leg-only") && !legPain(form)) return false;
  const when = JSON.parse(q.dataset.when || "[]");
  if (when.length === 0) return true;
  return when.some(([field, op, want]) => {
    const values = answerOf(form, field);
    if (op === "min") return values.some((v) => v !== "" && Number(v) >= want);
    return values.some((v) => want.includes(v));
  });
}

const LEG_SPOTS = ["thigh", "below_knee", "foot"];

// The map from the ticks: a location unticked turns its spots off; one ticked with none of its spots
// lit lights them all (the side is then the radio's). Then the questions that apply.
function syncBodyMap(form) {
  const ticked = new Set([...form.querySelectorAll('input[name="pain.locations"]:checked')].map((i) => i.value));
  const spots = [...document.querySelectorAll(".bodymap .spot")];
  for (const location of new Set(spots.map((s) => s.dataset.location))) {
    const mine = spots.filter((s) => s.dataset.location === location);
    if (!ticked.has(location)) mine.forEach((s) => s.classList.remove("on"));
    else if (!mine.some((s) => s.classList.contains("on"))) mine.forEach((s) => s.classList.add("on"));
  }
  for (const q of form.querySelectorAll(".q[data-field]")) q.hidden = !wanted(form, q);
}

// The runner's side from the spots lit on one side (seen from behind, their left is the viewer's
// left; from the front, mirrored: each spot says its side): left, right or both.
function sideFromSpots(form, field, leg) {
  const lit = [...document.querySelectorAll(".bodymap .spot.on[data-side]")]
    .filter((s) => LEG_SPOTS.includes(s.dataset.location) === leg)
    .map((s) => s.dataset.side);
  const sides = new Set(lit);
  if (sides.size === 0) return;
  const value = sides.size === 2 ? "both" : [...sides][0];
  const radio = form.querySelector(`input[name="${field}"][value="${value}"]`);
  if (radio) radio.checked = true;
}

function setupAssessmentForm(form) {
  for (const zone of form.querySelectorAll(".drop")) setupDrop(zone);
  for (const spot of document.querySelectorAll(".bodymap .spot")) {
    spot.addEventListener("click", () => {
      spot.classList.toggle("on");
      const location = spot.dataset.location;
      const box = form.querySelector(`input[name="pain.locations"][value="${location}"]`);
      box.checked = [...document.querySelectorAll(`.bodymap .spot[data-location="${location}"]`)].some((s) => s.classList.contains("on"));
      const yes = form.querySelector('input[name="pain.has_pain"][value="yes"]');
      if (box.checked && yes) yes.checked = true;
      syncBodyMap(form);
      sideFromSpots(form, "pain.side", false);
      sideFromSpots(form, "pain.leg_side", true);
      syncBodyMap(form);
    });
  }
  form.addEventListener("change", () => syncBodyMap(form));
  syncBodyMap(form);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    showError("form-error", "");
    if (!uploaded.side) return showError("form-error", "Upload the side-view clip first (and wait for its capture check).");
    const number = (name) => { const v = form.querySelector(`[name="${name}"]`).value; return v === "" ? null : Number(v); };
    const body = {
      runner_id: form.dataset.runner,
      side_clip: uploaded.side,
      rear_clip: uploaded.rear,
      photos: uploaded.photos,
      slowmo_side: number("slowmo_side"),
      slowmo_rear: number("slowmo_rear"),
      speed_kmh: number("speed_kmh"),
    };
    if (!document.getElementById("no-questionnaire").checked) body.form_answers = formAnswers(form);
    const button = document.getElementById("start");
    button.disabled = true;
    try {
      const created = await api("POST", "/api/assessments", body);
      window.location.assign(`/assessments/${created.id}`);
    } catch (err) {
      for (const q of form.querySelectorAll(".q.missing")) q.classList.remove("missing");
      for (const field of err.fields || []) form.querySelector(`.q[data-field="${field}"]`)?.classList.add("missing");
      showError("form-error", err.message);
      button.disabled = false;
      updateStart();
    }
  });
}

function render(p) {
  document.getElementById("state").textContent = p.state;
  document.getElementById("state").className = `state ${p.state}`;
  document.getElementById("stage").textContent = p.stage || "";
  document.getElementById("bar").value = p.share_done || 0;
  const left = p.seconds_left != null ? `, about ${Math.max(1, Math.round(p.seconds_left / 60 * 10) / 10)} min left` : "";
  document.getElementById("detail").textContent = p.frames_total ? `${p.frames_done} of ${p.frames_total} frames${left}` : "";
  const error = document.getElementById("job-error");
  error.textContent = p.error || "";
  error.hidden = !p.error;
  document.getElementById("retry").hidden = !p.can_retry;
  if (FINISHED.includes(p.state)) window.location.reload();
}

// Progress pushed by the server (server-sent events); polling when the stream fails.
function follow(section) {
  const id = section.dataset.assessment;
  let polling = null;
  const poll = () => {
    if (polling) return;
    polling = setInterval(async () => {
      try { render(await api("GET", `/api/assessments/${id}`)); } catch (e) { /* try again */ }
    }, 2000);
  };
  if (!window.EventSource) return poll();
  const source = new EventSource(`/api/assessments/${id}/events`);
  source.onmessage = (e) => {
    const p = JSON.parse(e.data);
    if (FINISHED.includes(p.state)) source.close();
    render(p);
  };
  source.onerror = () => { source.close(); poll(); };
}

function setupButtons() {
  for (const b of document.querySelectorAll("[data-delete]")) {
    b.addEventListener("click", async () => {
      if (!window.confirm(b.dataset.confirm)) return;
      try { await api("DELETE", b.dataset.delete); window.location.assign(b.dataset.then); } catch (err) { showError("page-error", err.message); }
    });
  }
  for (const b of document.querySelectorAll("[data-post]")) {
    b.addEventListener("click", async () => {
      try { await api("POST", b.dataset.post); window.location.reload(); } catch (err) { showError("page-error", err.message); }
    });
  }
}

// A form posted as JSON to its data-api URL: empty fields left out, numbers as numbers,
// "true"/"false" choices as booleans; the page reloads with the change.
function formJson(form) {
  const out = {};
  for (const el of form.elements) {
    if (!el.name || (el.type === "radio" && !el.checked) || el.value === "") continue;
    if (el.type === "checkbox") out[el.name] = el.checked;
    else if (el.type === "number") out[el.name] = Number(el.value);
    else if (el.value === "true" || el.value === "false") out[el.name] = el.value === "true";
    else out[el.name] = el.value;
  }
  return out;
}

function setupApiForms() {
  for (const form of document.querySelectorAll("form[data-api]")) {
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      showError("page-error", "");
      const button = form.querySelector('button[type="submit"]');
      button.disabled = true;
      try {
        await api(form.dataset.method || "POST", form.dataset.api, formJson(form));
        window.location.reload();
      } catch (err) {
        showError("page-error", err.message);
        button.disabled = false;
      }
    });
  }
}

// Exports from a watch or a site, one file after another; the page reloads with the counts.
function setupImport(zone) {
  const input = zone.querySelector('input[type="file"]');
  const bar = zone.querySelector("progress");
  const box = zone.querySelector(".verdict");
  const take = async (files) => {
    const total = [0, 0, 0, 0];
    const refused = [];
    for (const file of files) {
      box.textContent = `reading ${file.name}…`;
      try {
        const miles = zone.querySelector('input[name="miles"]').checked;
        const r = await upload(`${zone.dataset.import}?miles=${miles}&name=${encodeURIComponent(file.name)}`, file, bar);
        total[0] += r.added; total[1] += r.skipped; total[2] += r.not_runs.length; total[3] += (r.merged || []).length;
      } catch (err) { refused.push(`${file.name}: ${err.message}`); }
    }
    if (refused.length) {
      box.textContent = refused.join("\n") + (total[0] ? `\n${total[0]} run(s) added from the other files` : "");
      box.className = "verdict error-box";
      return;
    }
    window.location.assign(`/runners/${zone.dataset.runner}/log?imported=${total.join(":")}`);
  };
  onFiles(zone, input, take);
}

document.addEventListener("DOMContentLoaded", () => {
  setupButtons();
  setupApiForms();
  for (const zone of document.querySelectorAll("[data-import]")) setupImport(zone);
  const runnerForm = document.getElementById("new-runner");
  if (runnerForm) {
    runnerForm.addEventListener("submit", async (e) => {
      e.preventDefault();
      const data = new FormData(runnerForm);
      const height = data.get("height_cm");
      try {
        const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || null; // the log's days are read in it
        const r = await api("POST", "/api/runners", { name: data.get("name"), height_cm: height ? Number(height) : null, time_zone: zone });
        window.location.assign(`/runners/${r.id}`);
      } catch (err) { showError("page-error", err.message); }
    });
  }
  const form = document.getElementById("new-assessment");
  if (form) setupAssessmentForm(form);
  const progress = document.getElementById("progress");
  if (progress && progress.hasAttribute("data-follow")) follow(progress);
});
