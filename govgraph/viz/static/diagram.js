// Draws the diagram from the JSON in #govgraph-data at the positions computed before the
// page was sent: physics stays off, so the picture is still and the same on every load.
// Every string from the data reaches the page through textContent, innerText or
// vis-network's canvas, never as HTML.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("govgraph-data").textContent);

  // vis-network copies and merges each item's options into every node and edge it builds,
  // which is most of the time a big diagram takes to appear; so items carry only what is
  // their own. What most share is set once in the options below, each colour is one
  // object shared by its nodes, and a node's page and tooltip lines stay in maps of ours
  // (Maps, so that no id can name a property every object has).
  var pageOf = new Map();
  var nodeLines = new Map();
  var edgeLines = new Map();
  var nodeColours = {};
  var edgeColours = {};
  function nodeColour(colour) {
    return nodeColours[colour] || (nodeColours[colour] = {
      background: colour,
      border: "#444",
      highlight: { background: colour, border: "#000" },
      hover: { background: colour, border: "#000" }
    });
  }
  function edgeColour(colour) {
    return edgeColours[colour] || (edgeColours[colour] = { color: colour, highlight: colour, hover: colour });
  }
  var HEADING_FONT = { size: 16, bold: true, face: "system-ui, sans-serif", align: "left" };
  var BREAK_FONT = { color: "#ffffff" };  // text inside a red box (a break) is white, to read on red

  var nodes = new vis.DataSet(data.nodes.map(function (node) {
    pageOf.set(node.id, node.url);
    nodeLines.set(node.id, node.title);
    // vis-network keeps the title as plain text (it shows a string with innerText); the
    // tooltip shown is built from the lines when it opens (showPopup, below).
    var item = {
      id: node.id,
      label: node.label,
      x: node.x,
      y: node.y,
      size: node.size,
      color: nodeColour(node.color),
      title: node.title.join("\n")
    };
    if (node.shape !== "dot") {
      item.shape = node.shape;
    }
    if (node.shape === "text") {
      item.font = HEADING_FONT;
    } else if (node.shape === "box" && node.group === "break") {
      item.font = BREAK_FONT;
    }
    if (node.id === data.focus_id) {
      item.borderWidth = 3;
    }
    if (node.hidden) {
      item.hidden = true;
    }
    return item;
  }));
  var edges = new vis.DataSet(data.edges.map(function (edge) {
    edgeLines.set(edge.id, [edge.title]);
    var item = { id: edge.id, from: edge.from, to: edge.to, title: edge.title, color: edgeColour(edge.color) };
    if (edge.dashes) {
      item.dashes = true;
    }
    return item;
  }));

  var container = document.getElementById("graph");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, {
    layout: { improvedLayout: false, randomSeed: 1 },
    physics: false,
    interaction: { hover: true, tooltipDelay: 150, navigationButtons: false, keyboard: { enabled: true, bindToWindow: false } },
    nodes: { shape: "dot", borderWidth: 1, font: { size: 13, face: "system-ui, sans-serif" } },
    edges: { width: 1.5, smooth: false, arrows: { to: { enabled: true, scaleFactor: 0.6 } } }
  });

  // The tooltip as an element, so that the name stands out above the details; each line
  // goes in as text. vis-network opens the tooltip of the node under the pointer, else of
  // the edge, after hoverNode or hoverEdge: what was hovered says which of the two an id is.
  function tooltip(lines) {
    var box = document.createElement("div");
    box.className = "gg-tooltip";
    lines.forEach(function (line, index) {
      var row = document.createElement(index === 0 ? "strong" : "div");
      row.textContent = line;
      box.appendChild(row);
    });
    return box;
  }
  var hoveredEdge = null;
  network.on("hoverEdge", function (params) { hoveredEdge = params.edge; });
  network.on("blurEdge", function () { hoveredEdge = null; });
  network.on("showPopup", function (id) {
    var lines = id === hoveredEdge || !nodeLines.has(id) ? edgeLines.get(id) : nodeLines.get(id);
    var popup = container.querySelector("div.vis-tooltip");
    if (lines !== undefined && popup !== null) {
      popup.replaceChildren(tooltip(lines));
    }
  });

  // Interactive once the first frame is drawn: the fitted picture of every node shown, on
  // the canvas (docs/diagrams.md). Physics never runs, so nothing moves after it.
  network.once("afterDrawing", function () {
    document.getElementById("status").hidden = true;
    document.body.dataset.stabilised = "true";
  });

  function open(id) {
    if (pageOf.get(id)) {
      window.location.assign(pageOf.get(id));
    }
  }

  // A focus diagram holds the next step hidden: a click on a node shows its hidden
  // neighbours (expand), a second click hides what it showed (collapse), and a node with
  // neither opens its page, as a double click always does.
  var neighbours = new Map();
  function link(from, to) {
    if (!neighbours.has(from)) {
      neighbours.set(from, []);
    }
    neighbours.get(from).push(to);
  }
  data.edges.forEach(function (edge) {
    link(edge.from, edge.to);
    link(edge.to, edge.from);
  });
  var expanded = new Map();
  function toggle(id) {
    if (expanded.has(id)) {
      nodes.update(expanded.get(id).map(function (n) { return { id: n, hidden: true }; }));
      expanded.delete(id);
      return true;
    }
    var hidden = (neighbours.get(id) || []).filter(function (n) { return nodes.get(n).hidden; });
    if (hidden.length === 0) {
      return false;
    }
    nodes.update(hidden.map(function (n) { return { id: n, hidden: false }; }));
    expanded.set(id, hidden);
    return true;
  }
  var expandable = data.nodes.some(function (node) { return node.hidden; });

  network.on("click", function (params) {
    if (params.nodes.length === 1 && !(expandable && toggle(params.nodes[0]))) {
      open(params.nodes[0]);
    }
  });
  network.on("doubleClick", function (params) {
    if (params.nodes.length === 1) {
      open(params.nodes[0]);
    }
  });
  network.on("hoverNode", function (params) {
    container.style.cursor = pageOf.get(params.node) ? "pointer" : "default";
  });
  network.on("blurNode", function () {
    container.style.cursor = "default";
  });

  // Downloads: a link to the file as a data URL, clicked and removed.
  function save(button, url) {
    var link = document.createElement("a");
    link.download = button.dataset.file;
    link.href = url;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  // The SVG drawn in Python, which the page carries gzipped: unpacked only when asked for.
  document.getElementById("download-svg").addEventListener("click", function (event) {
    var button = event.currentTarget;
    var packed = atob(document.getElementById("govgraph-svg").textContent);
    var bytes = new Uint8Array(packed.length);
    for (var i = 0; i < packed.length; i++) {
      bytes[i] = packed.charCodeAt(i);
    }
    var svg = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    new Response(svg, { headers: { "Content-Type": "image/svg+xml" } }).blob().then(function (blob) {
      var reader = new FileReader();
      reader.onload = function () { save(button, reader.result); };
      reader.readAsDataURL(blob);
    });
  });

  // The picture as a PNG: the canvas drawn over white (it is transparent) at its size now.
  document.getElementById("download-png").addEventListener("click", function (event) {
    var canvas = container.querySelector("canvas");
    var copy = document.createElement("canvas");
    copy.width = canvas.width;
    copy.height = canvas.height;
    var context = copy.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, copy.width, copy.height);
    context.drawImage(canvas, 0, 0);
    save(event.currentTarget, copy.toDataURL("image/png"));
  });

  // For scripts and tests that look at what was drawn.
  window.govgraphNetwork = network;
  window.govgraphNodes = nodes;
  window.govgraphEdges = edges;
})();
