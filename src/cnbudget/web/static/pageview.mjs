// The page view: one page of the uploaded PDF drawn by pdf.js, the finding marked: by the
// boxes the store keeps for it (PDF user space), or, where it has none, by searching the
// page's text for its quotes, labels and codes.
import * as pdfjs from "/static/vendor/pdfjs/build/pdf.min.mjs";

const holder = document.getElementById("pageview");
const status = document.getElementById("pageview-status");

function norm(text) {
  return text.replace(/\s+/g, "");
}

// a red box at (left, top, width, height) in canvas pixels, and the printed row it is on,
// shaded across the page (`spread`: the share of the height added above and below, for a
// text run whose height is its font's, not its cell's): where the row's other figures are
function mark(canvas, left, top, width, height, spread) {
  const box = document.createElement("div");
  box.className = "mark";
  box.style.left = left + "px";
  box.style.top = top + "px";
  box.style.width = width + "px";
  box.style.height = height + "px";
  holder.appendChild(box);
  const band = document.createElement("div");
  band.className = "mark row";
  band.style.left = "0px";
  band.style.top = (top - height * spread) + "px";
  band.style.width = canvas.width + "px";
  band.style.height = (height * (1 + 2 * spread)) + "px";
  holder.appendChild(band);
}

function markBoxes(canvas, viewport, boxes) {
  for (const rect of boxes) {
    const [xa, ya, xb, yb] = viewport.convertToViewportRectangle(rect);
    mark(canvas, Math.min(xa, xb), Math.min(ya, yb), Math.abs(xb - xa), Math.abs(yb - ya), 0);
  }
  return boxes.length;
}

async function markTexts(canvas, viewport, page, marks) {
  let found = 0;
  const content = await page.getTextContent();
  for (const item of content.items) {
    const text = norm(item.str || "");
    if (!text || !marks.some((m) => text.includes(m))) {
      continue;
    }
    const t = pdfjs.Util.transform(viewport.transform, item.transform);
    const height = Math.hypot(t[2], t[3]);
    mark(canvas, t[4], t[5] - height, item.width * viewport.scale, height, 0.25);
    found += 1;
  }
  return found;
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
  const boxes = JSON.parse(holder.dataset.boxes || "[]");
  let found = 0;
  if (boxes.length) {
    found = markBoxes(canvas, viewport, boxes);
    holder.dataset.markedBy = "box";
  } else if (marks.length) {
    found = await markTexts(canvas, viewport, page, marks);
    holder.dataset.markedBy = "text";
  }
  holder.dataset.rendered = "1";
  holder.dataset.marked = String(found);
  status.textContent = boxes.length || marks.length
    ? (found ? "已在页面上标出 " + found + " 处。" : "未能在这一页上定位到标出的文字。")
    : "第 " + number + " 页，共 " + pdf.numPages + " 页。";
}

show().catch((err) => {
  status.textContent = "无法显示原文：" + err;
  holder.dataset.rendered = "error";
});
