// The page view: one page of the uploaded PDF drawn by pdf.js, the finding's text marked.
import * as pdfjs from "/static/vendor/pdfjs/build/pdf.min.mjs";

const holder = document.getElementById("pageview");
const status = document.getElementById("pageview-status");

function norm(text) {
  return text.replace(/\s+/g, "");
}

async function show() {
  pdfjs.GlobalWorkerOptions.workerSrc = holder.dataset.worker;
  const marks = JSON.parse(holder.dataset.marks || "[]").map(norm).filter((m) => m.length > 0);
  const pdf = await pdfjs.getDocument({
    url: holder.dataset.file, isEvalSupported: false, cMapUrl: holder.dataset.cmaps,
    cMapPacked: true, withCredentials: true,
  }).promise;
  const number = Math.min(Math.max(1, parseInt(holder.dataset.page, 10)), pdf.numPages);
  const page = await pdf.getPage(number);
  const viewport = page.getViewport({scale: 1.5});
  const canvas = document.getElementById("page-canvas");
  canvas.width = viewport.width;
  canvas.height = viewport.height;
  await page.render({canvasContext: canvas.getContext("2d"), viewport: viewport}).promise;
  let found = 0;
  if (marks.length) {
    const content = await page.getTextContent();
    for (const item of content.items) {
      const text = norm(item.str || "");
      if (!text || !marks.some((m) => text.includes(m))) {
        continue;
      }
      const t = pdfjs.Util.transform(viewport.transform, item.transform);
      const height = Math.hypot(t[2], t[3]);
      const box = document.createElement("div");
      box.className = "mark";
      box.style.left = t[4] + "px";
      box.style.top = (t[5] - height) + "px";
      box.style.width = (item.width * viewport.scale) + "px";
      box.style.height = height + "px";
      holder.appendChild(box);
      // and the printed row it is on, across the page: where the cell's figures are
      const band = document.createElement("div");
      band.className = "mark row";
      band.style.left = "0px";
      band.style.top = (t[5] - height * 1.25) + "px";
      band.style.width = canvas.width + "px";
      band.style.height = (height * 1.5) + "px";
      holder.appendChild(band);
      found += 1;
    }
  }
  holder.dataset.rendered = "1";
  holder.dataset.marked = String(found);
  status.textContent = marks.length
    ? (found ? "已在页面上标出 " + found + " 处。" : "未能在这一页上定位到标出的文字。")
    : "第 " + number + " 页，共 " + pdf.numPages + " 页。";
}

show().catch((err) => {
  status.textContent = "无法显示原文：" + err;
  holder.dataset.rendered = "error";
});
