// cnbudget's pages: no inline script (the CSP forbids it); behaviour hangs off data-* attributes.
"use strict";

function csrfToken() {
  return document.body.dataset.csrf || "";
}

// a line's state is in data-status, as on the job lines the server sends (job_line.html)
function setStatus(li, status) {
  li.className = status;
  li.dataset.status = status;
}

function progressLine(text, status) {
  const li = document.createElement("li");
  setStatus(li, status);
  li.textContent = text;
  return li;
}

// one request per file, so that each has its own progress line (a zip is one file)
async function uploadOne(file, list) {
  const line = progressLine(file.name + "：正在上传……", "uploading");
  list.appendChild(line);
  const body = new FormData();
  body.append("files", file, file.name);
  let answer;
  try {
    answer = await fetch("/api/v1/documents", {
      method: "POST", body: body, credentials: "same-origin",
      headers: {"X-CSRF-Token": csrfToken()},
    });
  } catch (err) {
    line.textContent = file.name + "：上传失败（" + err + "）";
    setStatus(line, "failed");
    return;
  }
  let data = {};
  try { data = await answer.json(); } catch (err) { data = {}; }
  if (answer.status === 201 && data.documents && data.documents.length) {
    setStatus(line, "done");
    line.textContent = file.name + "：已在库中 ";
    const link = document.createElement("a");
    link.href = "/documents/" + data.documents[0].id;
    link.className = "open";
    link.textContent = "打开文件 " + data.documents[0].id;
    line.appendChild(link);
    return;
  }
  if (answer.status !== 202) {
    const detail = data.detail;
    const message = typeof detail === "string" ? detail : (detail && detail.message) || answer.statusText;
    setStatus(line, "failed");
    line.textContent = file.name + "：未接收（" + message + "）";
    return;
  }
  const job = data.jobs[0];
  const poll = document.createElement("li");
  poll.setAttribute("hx-get", "/jobs/" + job.id + "/line");
  poll.setAttribute("hx-trigger", "load");
  poll.setAttribute("hx-swap", "outerHTML");
  poll.textContent = file.name + "：排队中";
  list.replaceChild(poll, line);
  window.htmx.process(poll);
}

function setUpUpload(form) {
  const input = form.querySelector("input[type=file]");
  const zone = form.querySelector("[data-dropzone]");
  const list = document.getElementById("progress");
  const send = (files) => { for (const f of files) { uploadOne(f, list); } };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    send(Array.from(input.files));
    input.value = "";
  });
  zone.addEventListener("dragover", (event) => { event.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("over");
    send(Array.from(event.dataTransfer.files));
  });
}

document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("[data-upload]");
  if (form) { setUpUpload(form); }
});
