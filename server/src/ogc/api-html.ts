import type { openApiDocument } from './openapi.ts';

type Document = ReturnType<typeof openApiDocument>;

interface Parameter {
  name: string;
  in: string;
  description?: string;
  schema: { type?: string; enum?: readonly unknown[]; minimum?: number; maximum?: number; default?: unknown };
}

interface Operation {
  summary: string;
  parameters?: (Parameter | { $ref: string })[];
  responses: Record<string, { content?: Record<string, unknown> } | { $ref: string }>;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The `service-doc` of /ogc: the OpenAPI document as a plain page (no scripts, no styles). */
export function apiHtml(doc: Document): string {
  const server = doc.servers[0]!.url;
  const parameters = doc.components.parameters as Record<string, Parameter>;
  const resolve = (p: Parameter | { $ref: string }): Parameter => ('$ref' in p ? parameters[p.$ref.split('/').pop()!]! : p);
  const sections = Object.entries(doc.paths as Record<string, { get: Operation }>).map(([path, { get }]) => {
    const params = (get.parameters ?? []).map(resolve);
    const types = Object.keys((get.responses['200'] as { content?: object } | undefined)?.content ?? {});
    const rows = params.map((p) => {
      const s = p.schema;
      const range = [s.enum ? `one of: ${s.enum.join(', ')}` : '', s.minimum !== undefined ? `min ${s.minimum}` : '', s.maximum !== undefined ? `max ${s.maximum}` : '', s.default !== undefined ? `default ${String(s.default)}` : '']
        .filter(Boolean)
        .join('; ');
      return `<tr><td><code>${escape(p.name)}</code></td><td>${escape(p.in)}</td><td>${escape(s.type ?? '')}</td><td>${escape(range)}</td><td>${escape(p.description ?? '')}</td></tr>`;
    });
    return [
      `<h2><code>GET ${escape(server + path)}</code></h2>`,
      `<p>${escape(get.summary)}${types.length ? ` — <code>${escape(types.join(', '))}</code>` : ''}</p>`,
      rows.length ? `<table border="1"><tr><th>parameter</th><th>in</th><th>type</th><th>values</th><th>meaning</th></tr>${rows.join('')}</table>` : '',
    ].join('\n');
  });
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>${escape(doc.info.title)}</title></head>
<body>
<h1>${escape(doc.info.title)}</h1>
<p>${escape(doc.info.description)}</p>
<p>OpenAPI 3.0: <a href="${escape(server)}/api">${escape(server)}/api</a></p>
${sections.join('\n')}
</body>
</html>
`;
}
