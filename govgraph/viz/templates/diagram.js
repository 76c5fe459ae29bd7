// Draws the diagram from the JSON in #govgraph-data. Every string from the data reaches
// the page through textContent or vis-network's canvas, never as HTML.
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
    return {
      id: node.id,
      label: node.label,
      group: node.group,
      color: {
        background: node.color,
        border: "#444",
        highlight: { background: node.color, border: "#000" },
        hover: { background: node.color, border: "#000" }
      },
      shape: node.shape,
      size: node.size,
      borderWidth: node.id === data.focus_id ? 3 : 1,
      title: tooltip(node.title),
      url: node.url,
      level: node.level === null ? undefined : node.level
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

  // A hierarchical diagram (a line of sight) has its rows from the data: level 0 at the
  // bottom, superiors above. Any other diagram is laid out by forces.
  var hierarchical = data.layout === "hierarchical";
  var layout = hierarchical
    ? { hierarchical: { direction: "DU", levelSeparation: 130, nodeSpacing: 220 } }
    // Kamada-Kawai seeding is quadratic; past a hundred nodes it costs more than it gives.
    : { improvedLayout: data.nodes.length <= 100 };
  // Each layout iteration costs time in proportion to the nodes, so big diagrams get
  // fewer: a 2,000-node diagram settles in about as long as a 200-node one would with
  // the full count, and is laid out well enough to read once physics stops.
  var iterations = Math.round(Math.min(300, Math.max(40, 60000 / Math.max(1, data.nodes.length))));
  var physics = hierarchical
    ? { solver: "hierarchicalRepulsion", hierarchicalRepulsion: { nodeDistance: 200 }, stabilization: { iterations: 200, updateInterval: 25 } }
    : {
        solver: "forceAtlas2Based",
        forceAtlas2Based: { gravitationalConstant: -70, springLength: 110 },
        stabilization: { iterations: iterations, updateInterval: 25 }
      };

  var container = document.getElementById("graph");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, {
    layout: layout,
    physics: physics,
    interaction: { hover: true, tooltipDelay: 150, navigationButtons: false, keyboard: { enabled: true, bindToWindow: false } },
    nodes: { font: { size: 13, face: "system-ui, sans-serif" } },
    edges: { width: 1.5, smooth: false, arrows: { to: { scaleFactor: 0.6 } } }
  });

  // Once laid out, the picture stays still: a large graph would otherwise keep the CPU busy
  // and drift under the reader's pointer.
  function laidOut() {
    network.setOptions({ physics: false });
    document.getElementById("status").hidden = true;
    document.body.dataset.stabilised = "true";
  }
  if (data.nodes.length === 0) {
    laidOut();  // vis-network runs no stabilisation for an empty graph
  } else {
    network.once("stabilizationIterationsDone", laidOut);
  }

  network.on("click", function (params) {
    if (params.nodes.length === 1) {
      var node = nodes.get(params.nodes[0]);
      if (node.url) {
        window.location.assign(node.url);
      }
    }
  });
  network.on("hoverNode", function (params) {
    container.style.cursor = nodes.get(params.node).url ? "pointer" : "default";
  });
  network.on("blurNode", function () {
    container.style.cursor = "default";
  });

  // For scripts and tests that look at what was drawn.
  window.govgraphNetwork = network;
  window.govgraphNodes = nodes;
  window.govgraphEdges = edges;
})();
