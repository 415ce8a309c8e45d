// Drag a visit on the admin calendar to another time or master, or its lower edge to change how
// long it lasts (mouse, pen, or a long press on a touch screen). Progressive enhancement of the
// server-drawn grid: the drop posts the same form the panel's "Move" posts, or the edge's resize
// form (one write path, audited, the client notified); the server's answer fills the panel. A
// refused change snaps back and says why, in the server's own translated words.
(() => {
  const SNAP = 15; // minutes: moves land on the quarter hour
  const RESIZE_SNAP = 5; // minutes: a visit's length follows the admin's 5-minute time field
  const LONG_PRESS_MS = 450;
  const SLOP = 8; // px a finger may wander before a long press counts as a scroll instead

  let drag = null; // { mode: "move" | "resize", block, home, homeTop, homeHeight, col, ppm, axisStart, startY, pointerId, moved, minutes }
  let press = null; // a touch waiting to become a drag: { timer, event }
  let swallowClick = false;

  const gridOf = (el) => el.closest(".cal-grid[data-move]");
  const minutesToHHMM = (m) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

  function begin(block, event, mode) {
    const grid = gridOf(block);
    block.setPointerCapture?.(event.pointerId);
    drag = {
      mode,
      block,
      grid,
      home: block.parentElement,
      homeTop: block.offsetTop,
      homeHeight: parseFloat(block.style.height),
      col: block.parentElement,
      ppm: Number(grid.dataset.ppm),
      axisStart: Number(grid.dataset.axisStart),
      startY: event.clientY,
      startX: event.clientX,
      top: block.offsetTop,
      pointerId: event.pointerId,
      moved: false,
    };
    block.classList.add("dragging");
    say("");
  }

  function columnAt(x, y, block) {
    block.style.pointerEvents = "none";
    const col = document.elementFromPoint(x, y)?.closest(".cal-col[data-staff]");
    block.style.pointerEvents = "";
    return col && gridOf(col) === drag.grid ? col : null;
  }

  function follow(event) {
    const d = drag;
    d.moved = d.moved || Math.abs(event.clientY - d.startY) > 3 || Math.abs(event.clientX - d.startX) > 3;
    if (d.mode === "resize") return stretch(d, event);
    const col = columnAt(event.clientX, event.clientY, d.block) ?? d.col;
    if (col !== d.col) {
      col.appendChild(d.block);
      d.col = col;
    }
    const raw = d.homeTop + (event.clientY - d.startY);
    const minutes = Math.round((d.axisStart + raw / d.ppm) / SNAP) * SNAP;
    d.minutes = Math.max(0, Math.min(1440 - SNAP, minutes));
    d.block.style.top = `${(d.minutes - d.axisStart) * d.ppm}px`;
    const time = d.block.querySelector(".time");
    if (time) time.textContent = minutesToHHMM(d.minutes);
  }

  // The lower edge: the visit keeps its start and ends where the pointer is, on the 5-minute grid.
  function stretch(d, event) {
    const end = Number(d.block.dataset.end);
    const [h, m] = d.block.dataset.time.split("–")[0].split(":").map(Number);
    const delta = Math.round((event.clientY - d.startY) / d.ppm / RESIZE_SNAP) * RESIZE_SNAP;
    d.minutes = Math.max(h * 60 + m + RESIZE_SNAP, Math.min(1440 - RESIZE_SNAP, end + delta));
    d.block.style.height = `${Math.max(d.homeHeight + (d.minutes - end) * d.ppm, RESIZE_SNAP * d.ppm)}px`;
    const time = d.block.querySelector(".time");
    if (time) time.textContent = `${d.block.dataset.time.split("–")[0]}–${minutesToHHMM(d.minutes)}`;
  }

  function snapBack(d) {
    d.home.appendChild(d.block);
    d.block.style.top = `${d.homeTop}px`;
    d.block.style.height = `${d.homeHeight}px`;
    const time = d.block.querySelector(".time");
    if (time) time.textContent = d.block.dataset.time;
  }

  function say(text) {
    const box = document.getElementById("cal-move-msg");
    if (box) box.textContent = text;
  }

  async function drop() {
    const d = drag;
    drag = null;
    d.block.classList.remove("dragging");
    if (!d.moved) return;
    swallowClick = true;
    const resize = d.mode === "resize";
    const sameSpot = resize ? d.minutes === Number(d.block.dataset.end) : d.col === d.home && `${d.block.style.top}` === `${d.homeTop}px`;
    if (sameSpot || d.minutes === undefined) return snapBack(d);
    d.block.classList.add("saving");
    const body = new URLSearchParams({ _csrf: d.grid.dataset.csrf, date: d.col.dataset.date, time: minutesToHHMM(d.minutes) });
    if (!resize) body.set("staff_id", d.col.dataset.staff);
    const url = resize ? d.block.querySelector(".cal-resize").dataset.resize : d.block.dataset.move;
    let moved = false;
    try {
      const res = await fetch(url, {
        method: "POST",
        body,
        headers: { "hx-request": "true", "x-csrf-token": d.grid.dataset.csrf },
        credentials: "same-origin",
      });
      const html = await res.text();
      moved = res.ok && (res.headers.get("hx-trigger") ?? "").includes("calendar-changed");
      const panel = document.getElementById("panel");
      if (panel && res.ok) {
        panel.innerHTML = html;
        window.htmx?.process(panel);
      }
      if (!moved) {
        // the reason the engine gave (or the master-change question) is in the panel; repeat it by the grid
        const reason = panel?.querySelector(".alert")?.textContent?.trim() ?? panel?.querySelector("h2")?.textContent?.trim() ?? "";
        say(reason || d.grid.dataset.failed);
      }
    } catch {
      say(d.grid.dataset.failed);
    }
    d.block.classList.remove("saving");
    if (moved) document.body.dispatchEvent(new CustomEvent("calendar-changed", { bubbles: true }));
    else snapBack(d);
  }

  function cancelPress() {
    if (press) clearTimeout(press.timer);
    press = null;
  }

  document.addEventListener("pointerdown", (event) => {
    swallowClick = false;
    const block = event.target.closest?.(".cal-block[data-move]");
    if (!block || !gridOf(block) || drag || event.button > 0) return;
    const mode = event.target.closest(".cal-resize") ? "resize" : "move";
    if (event.pointerType === "touch") {
      // a finger that stays put is a drag; one that moves at once is scrolling the calendar
      cancelPress();
      press = { x: event.clientX, y: event.clientY, timer: setTimeout(() => { press = null; begin(block, event, mode); }, LONG_PRESS_MS) };
      return;
    }
    event.preventDefault(); // no text selection or native link drag
    begin(block, event, mode);
  });

  document.addEventListener("pointermove", (event) => {
    if (press && Math.hypot(event.clientX - press.x, event.clientY - press.y) > SLOP) cancelPress();
    if (drag && event.pointerId === drag.pointerId) follow(event);
  });

  document.addEventListener("pointerup", (event) => {
    cancelPress();
    if (drag && event.pointerId === drag.pointerId) drop();
  });

  document.addEventListener("pointercancel", (event) => {
    cancelPress();
    if (drag && event.pointerId === drag.pointerId) {
      const d = drag;
      drag = null;
      d.block.classList.remove("dragging");
      snapBack(d);
    }
  });

  // Once a long press has picked a visit up, the finger moves it instead of scrolling the page.
  document.addEventListener("touchmove", (event) => { if (drag) event.preventDefault(); }, { passive: false });
  document.addEventListener("contextmenu", (event) => { if (drag || press) event.preventDefault(); });
  document.addEventListener(
    "click",
    (event) => {
      if (!swallowClick) return;
      swallowClick = false;
      if (event.target.closest?.(".cal-block")) {
        event.preventDefault();
        event.stopPropagation();
      }
    },
    true,
  );
})();
