// Draws the diagram from the JSON in #govgraph-data at the positions computed before the
// page was sent: physics stays off, so the picture is still and the same on every load.
// Every string from the data reaches the page through textContent or vis-network's canvas,
// never as HTML.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("govgraph-data").textContent);

  // An element title (rather than a string) lets the name stand out above the details;
  // each line goes in as text.
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

  var nodes = new vis.DataSet(data.nodes.map(function (node) {
    var heading = node.shape === "text";
    return {
      id: node.id,
      label: node.label,
      group: node.group,
      x: node.x,
      y: node.y,
      color: {
        background: node.color,
        border: "#444",
        highlight: { background: node.color, border: "#000" },
        hover: { background: node.color, border: "#000" }
      },
      shape: node.shape,
      size: node.size,
      // Text inside a red box (a break) is white, to read on red.
      font: heading
        ? { size: 16, bold: true, face: "system-ui, sans-serif", align: "left" }
        : node.shape === "box" && node.group === "break" ? { color: "#ffffff" } : undefined,
      borderWidth: node.id === data.focus_id ? 3 : 1,
      title: tooltip(node.title),
      url: node.url,
      hidden: node.hidden
    };
  }));
  var edges = new vis.DataSet(data.edges.map(function (edge) {
    return {
      id: edge.id,
      from: edge.from,
      to: edge.to,
      title: tooltip([edge.title]),
      color: { color: edge.color, highlight: edge.color, hover: edge.color },
      dashes: edge.dashes,
      arrows: edge.arrows
    };
  }));

  var container = document.getElementById("graph");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, {
    layout: { improvedLayout: false, randomSeed: 1 },
    physics: false,
    interaction: { hover: true, tooltipDelay: 150, navigationButtons: false, keyboard: { enabled: true, bindToWindow: false } },
    nodes: { font: { size: 13, face: "system-ui, sans-serif" } },
    edges: { width: 1.5, smooth: false, arrows: { to: { scaleFactor: 0.6 } } }
  });

  network.once("afterDrawing", function () {
    document.getElementById("status").hidden = true;
    document.body.dataset.stabilised = "true";
  });

  function open(id) {
    var node = nodes.get(id);
    if (node.url) {
      window.location.assign(node.url);
    }
  }

  // A focus diagram holds the next step hidden: a click on a node shows its hidden
  // neighbours (expand), a second click hides what it showed (collapse), and a node with
  // neither opens its page, as a double click always does.
  var neighbours = {};
  data.edges.forEach(function (edge) {
    (neighbours[edge.from] = neighbours[edge.from] || []).push(edge.to);
    (neighbours[edge.to] = neighbours[edge.to] || []).push(edge.from);
  });
  var expanded = {};
  function toggle(id) {
    if (expanded[id]) {
      nodes.update(expanded[id].map(function (n) { return { id: n, hidden: true }; }));
      delete expanded[id];
      return true;
    }
    var hidden = (neighbours[id] || []).filter(function (n) { return nodes.get(n).hidden; });
    if (hidden.length === 0) {
      return false;
    }
    nodes.update(hidden.map(function (n) { return { id: n, hidden: false }; }));
    expanded[id] = hidden;
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
    container.style.cursor = nodes.get(params.node).url ? "pointer" : "default";
  });
  network.on("blurNode", function () {
    container.style.cursor = "default";
  });

  // The picture as a PNG: the canvas drawn over white (it is transparent) at its size now.
  document.getElementById("download-png").addEventListener("click", function () {
    var canvas = container.querySelector("canvas");
    var copy = document.createElement("canvas");
    copy.width = canvas.width;
    copy.height = canvas.height;
    var context = copy.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, copy.width, copy.height);
    context.drawImage(canvas, 0, 0);
    var link = document.createElement("a");
    link.download = document.getElementById("download-svg").getAttribute("download").replace(/\.svg$/, ".png");
    link.href = copy.toDataURL("image/png");
    document.body.appendChild(link);
    link.click();
    link.remove();
  });

  // For scripts and tests that look at what was drawn.
  window.govgraphNetwork = network;
  window.govgraphNodes = nodes;
  window.govgraphEdges = edges;
})();
