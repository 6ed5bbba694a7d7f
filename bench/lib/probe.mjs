// What the load benchmarks measure inside the page (passed to
// addInitScript, so it runs before any of the page's scripts): long tasks,
// the moment the Order service is on the canvas, and — a click on "Place
// order" queued as a task at that moment — when the event log shows the
// order.
export function probe() {
  const t = (window.__kurirLoad = { longTasks: [] });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) t.longTasks.push([e.startTime, e.duration]);
  }).observe({ type: "longtask", buffered: true });
  new MutationObserver(() => {
    if (t.shown === undefined && document.querySelector('[data-node="service:order"]')) {
      t.shown = performance.now();
      setTimeout(() => {
        t.clicked = performance.now();
        document.querySelector("#place-order").click();
      }, 0);
    }
    if (t.clicked !== undefined && t.answered === undefined && document.querySelector("ol.log li")) {
      t.answered = performance.now();
    }
  }).observe(document, { childList: true, subtree: true });
}

