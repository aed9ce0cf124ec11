// What a reader would see go wrong, measured in the page as Chromium laid it out.
// Loaded by tests/report/test_browser.py; `measure()` returns plain JSON.
(() => {
  const SLACK = 1; // px: sub-pixel rounding is not an overflow

  const visible = (el) => {
    const style = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    return style.display !== "none" && style.visibility !== "hidden" && r.width > 0 && r.height > 0;
  };

  const describe = (el) => {
    const parts = [];
    for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
      const cls = e.getAttribute("class");
      parts.unshift(e.tagName.toLowerCase() + (cls ? "." + cls.trim().split(/\s+/).join(".") : ""));
    }
    const text = (el.textContent || "").trim().slice(0, 30);
    return parts.join(" > ") + (text ? ` "${text}"` : "");
  };

  const sticksOut = (inner, outer) =>
    Math.max(outer.left - inner.left, inner.right - outer.right,
             outer.top - inner.top, inner.bottom - outer.bottom);

  // The HTML elements outside the drawings' and charts' insides (their text is checked below).
  const htmlElements = () => [...document.body.querySelectorAll("*")].filter(
    (el) => !(el instanceof SVGElement && !(el instanceof SVGSVGElement)) && visible(el));

  // Every box that sticks out of its parent, every block whose content is wider than the block,
  // every line of text outside its element, and anything past the viewport's sides.
  function overflows() {
    const out = [];
    const width = document.documentElement.clientWidth;
    for (const el of htmlElements()) {
      const r = el.getBoundingClientRect();
      const parent = el.parentElement;
      if (parent && parent !== document.body && parent !== document.documentElement) {
        const by = sticksOut(r, parent.getBoundingClientRect());
        if (by > SLACK) out.push({kind: "box", what: describe(el), by: Math.round(by)});
      }
      if (r.left < -SLACK || r.right > width + SLACK) {
        out.push({kind: "viewport", what: describe(el), by: Math.round(Math.max(-r.left, r.right - width))});
      }
      const style = getComputedStyle(el);
      if (style.display !== "inline" && el.scrollWidth > el.clientWidth + SLACK && !(el instanceof SVGElement)) {
        out.push({kind: "content", what: describe(el), by: el.scrollWidth - el.clientWidth});
      }
      for (const node of el.childNodes) {
        if (node.nodeType !== Node.TEXT_NODE || !node.textContent.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const line of range.getClientRects()) {
          const by = sticksOut(line, r);
          if (by > SLACK) out.push({kind: "text", what: describe(el), by: Math.round(by)});
        }
      }
    }
    if (document.documentElement.scrollWidth > width) {
      out.push({kind: "page", what: "the page scrolls sideways", by: document.documentElement.scrollWidth - width});
    }
    return out;
  }

  // The rendered size of text in CSS px: SVG text scales with its drawing.
  const svgTextSize = (t) => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a;

  function fontSizes() {
    const sizes = [];
    for (const el of htmlElements()) {
      if (el instanceof SVGElement) continue;
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
      if (own) sizes.push({where: "html", what: describe(el), px: parseFloat(getComputedStyle(el).fontSize)});
    }
    for (const t of document.querySelectorAll("svg text")) {
      if (!visible(t) || !t.textContent.trim()) continue;
      const where = t.closest("svg.chart") ? "chart" : "picture";
      sizes.push({where, what: describe(t), px: svgTextSize(t)});
    }
    return sizes;
  }

  // Text boxes in each chart and drawing: pairs that overlap, and text outside its SVG or the
  // SVG outside its container.
  function svgText() {
    const overlaps = [], clipped = [];
    for (const svg of document.querySelectorAll("svg.chart, svg.exercise-picture")) {
      if (!visible(svg)) continue;
      const box = svg.getBoundingClientRect();
      const holder = svg.parentElement.getBoundingClientRect();
      if (sticksOut(box, holder) > SLACK) clipped.push({what: describe(svg), by: sticksOut(box, holder)});
      const texts = [...svg.querySelectorAll("text")].filter((t) => t.textContent.trim());
      const rects = texts.map((t) => t.getBoundingClientRect());
      texts.forEach((t, i) => {
        const by = sticksOut(rects[i], box);
        if (by > SLACK) clipped.push({what: describe(t), by: Math.round(by * 10) / 10});
        for (let j = i + 1; j < texts.length; j++) {
          const a = rects[i], b = rects[j];
          const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (w > SLACK && h > SLACK) overlaps.push({a: describe(t), b: describe(texts[j])});
        }
      });
    }
    return {overlaps, clipped};
  }

  // -- colour contrast (WCAG 2.x) ----------------------------------------------------------
  const parse = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return {r, g, b, a};
  };
  const over = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a),
    g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a),
    a: 1,
  });
  const luminance = ({r, g, b}) => {
    const lin = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const ratio = (x, y) => {
    const [hi, lo] = [luminance(x), luminance(y)].sort((p, q) => q - p);
    return (hi + 0.05) / (lo + 0.05);
  };

  // The colour behind an element: its ancestors' backgrounds, composed from the page up;
  // inside a drawing, its paper.
  function background(el) {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      if (e instanceof SVGElement) {
        const paper = e.querySelector && e.matches("svg.exercise-picture") && e.querySelector(".paper");
        if (paper) layers.push(parse(getComputedStyle(paper).fill));
        continue;
      }
      const bg = parse(getComputedStyle(e).backgroundColor);
      if (bg && bg.a > 0) layers.push(bg);
    }
    let colour = {r: 255, g: 255, b: 255, a: 1}; // the canvas behind everything
    for (const layer of layers.reverse()) colour = over(layer, colour);
    return colour;
  }

  function contrasts() {
    const out = [];
    for (const el of htmlElements()) {
      if (el instanceof SVGElement) continue;
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
      if (!own) continue;
      const style = getComputedStyle(el);
      const bg = background(el);
      const fg = over(parse(style.color), bg);
      const px = parseFloat(style.fontSize);
      const bold = parseInt(style.fontWeight, 10) >= 700;
      out.push({what: describe(el), ratio: ratio(fg, bg), large: px >= 24 || (bold && px >= 18.66),
                fg: style.color, bg: `rgb(${bg.r}, ${bg.g}, ${bg.b})`});
    }
    for (const t of document.querySelectorAll("svg text")) {
      if (!visible(t) || !t.textContent.trim()) continue;
      const style = getComputedStyle(t);
      const bg = background(t);
      const fill = parse(style.fill);
      if (!fill) continue;
      const fg = over(fill, bg);
      const px = svgTextSize(t);
      const bold = parseInt(style.fontWeight, 10) >= 700;
      out.push({what: describe(t), ratio: ratio(fg, bg), large: px >= 24 || (bold && px >= 18.66),
                fg: style.fill, bg: `rgb(${bg.r}, ${bg.g}, ${bg.b})`});
    }
    return out;
  }

  window.measure = () => JSON.stringify({
    overflows: overflows(),
    fontSizes: fontSizes(),
    svgText: svgText(),
    contrasts: contrasts(),
    scheme: matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light",
  });
})();
