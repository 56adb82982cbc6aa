// Compares seamlint's output with the hand labels: services by root folder, edges by the services at both ends and
// their kind, smells by rule, file and line (within a few lines: labellers point at the call, seamlint at the callee).
const LINE_SLACK = 3;

export function compareServices(labels, found) {
  const labelledByRoot = new Map(labels.services.map((service) => [service.root, service]));
  const otherLabel = new Map([
    ...labels.clientApps.map((app) => [app.root, 'client-app']),
    ...labels.libraries.map((library) => [library.root, 'library']),
  ]);
  const foundRoots = new Set(found.map((service) => service.root));
  const foundLabelled = labels.services.filter((service) => foundRoots.has(service.root));
  const right = found.filter((service) => labelledByRoot.has(service.root));
  // A service the labeller marked unsure is not judged either way.
  const judged = found.filter((service) => !labelledByRoot.get(service.root)?.unsure);
  const wrong = found.filter((service) => !labelledByRoot.has(service.root)).map((service) => ({ ...service, label: otherLabel.get(service.root) }));
  return {
    labelled: labels.services.filter((service) => !service.unsure),
    foundLabelled: foundLabelled.filter((service) => !service.unsure),
    right: right.filter((service) => !labelledByRoot.get(service.root).unsure),
    judged,
    wrong,
    missed: labels.services.filter((service) => !service.unsure && !foundRoots.has(service.root)),
  };
}

export function compareEdges(labels, graph) {
  // Graph edges name services; labels name them too, but possibly differently: both are tied by root folder.
  const rootOfFound = new Map(graph.services.map((service) => [service.name, service.root]));
  const rootOfLabelled = new Map(labels.services.map((service) => [service.name, service.root]));
  const key = (from, to, kind) => `${from}\0${to}\0${kind}`;
  const foundKeys = new Set(graph.edges.map((edge) => key(rootOfFound.get(edge.from), rootOfFound.get(edge.to), edge.kind)));
  const labelledPairs = new Set(labels.edges.map((edge) => key(rootOfLabelled.get(edge.caller), rootOfLabelled.get(edge.callee), edge.kind)));
  const labelled = labels.edges.filter((edge) => !edge.unsure);
  const found = labelled.filter((edge) => foundKeys.has(key(rootOfLabelled.get(edge.caller), rootOfLabelled.get(edge.callee), edge.kind)));
  const right = graph.edges.filter((edge) => labelledPairs.has(key(rootOfFound.get(edge.from), rootOfFound.get(edge.to), edge.kind)));
  return { labelled, found, right, missed: labelled.filter((edge) => !found.includes(edge)) };
}

export function compareSmells(labels, findings) {
  const matches = [];
  const missed = [];
  for (const smell of labels.smells) {
    const [file, lineText] = splitLocation(smell.location);
    const line = Number(lineText);
    const finding = findings.find((candidate) => candidate.ruleId === smell.rule && candidate.file === file && Math.abs(candidate.line - line) <= LINE_SLACK);
    if (finding) matches.push({ smell, finding });
    else missed.push(smell);
  }
  return { labelled: labels.smells, found: matches.map((match) => match.smell), matches, missed };
}

function splitLocation(location) {
  const at = location.lastIndexOf(':');
  return at === -1 ? [location, '0'] : [location.slice(0, at), location.slice(at + 1)];
}
