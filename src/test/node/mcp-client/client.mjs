// Drives Ragwell's MCP endpoint with the official TypeScript SDK and prints one JSON report on stdout;
// McpClientIT starts the service, runs this script and asserts on the report. Configuration comes from the
// environment: RAGWELL_URL, READ_KEY (read only), WRITE_KEY (read+write), OTHER_TENANT_KEY (read, another
// namespace), QUESTION, DOC_ID (a document of the keys' namespace), NEW_DOC_ID.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`missing environment variable ${name}`);
  return value;
};
const url = new URL("/mcp", env("RAGWELL_URL"));

async function connect(key) {
  const headers = key ? { Authorization: `Bearer ${key}` } : {};
  const client = new Client({ name: "ragwell-mcp-client-test", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers } }));
  return client;
}

// A thrown error, as the report carries it.
const failure = (error) => ({ name: error?.constructor?.name, code: error?.code, message: String(error?.message ?? error), data: error?.data });

async function attempt(work) {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, error: failure(error) };
  }
}

const report = {};
const reader = await connect(env("READ_KEY"));
report.server = reader.getServerVersion();
report.capabilities = reader.getServerCapabilities();
report.instructions = reader.getInstructions();
report.tools = (await reader.listTools()).tools;
report.search = await reader.callTool({ name: "search", arguments: { query: env("QUESTION"), top_k: 3, mode: "hybrid" } });
report.ask = await reader.callTool({ name: "ask", arguments: { query: env("QUESTION"), top_k: 3 } });
report.invalidSearch = await reader.callTool({ name: "search", arguments: { query: env("QUESTION"), top_k: 0 } });
report.badFilter = await reader.callTool({ name: "search", arguments: { query: "x", filters: { year: { $regex: "x" } } } });
report.wrongType = await reader.callTool({ name: "ask", arguments: { query: "x", top_k: "many" } });
report.templates = (await reader.listResourceTemplates()).resourceTemplates;
report.resource = await attempt(() => reader.readResource({ uri: `ragwell://documents/${encodeURIComponent(env("DOC_ID"))}` }));
report.missingResource = await attempt(() => reader.readResource({ uri: "ragwell://documents/no-such-document" }));
report.readOnlyAdd = await reader.callTool({ name: "add_document", arguments: { id: env("NEW_DOC_ID"), content: "Written with a read-only key." } });
report.unknownTool = await attempt(() => reader.callTool({ name: "delete_everything", arguments: {} }));
await reader.close();

const writer = await connect(env("WRITE_KEY"));
report.add = await writer.callTool({
  name: "add_document",
  arguments: { id: env("NEW_DOC_ID"), content: "Tardigrades survive the vacuum of space by drying out into a tun state.", metadata: { topic: "mcp", run: env("NEW_DOC_ID") } },
});
report.afterAdd = await writer.callTool({ name: "search", arguments: { query: "tardigrades tun state vacuum", top_k: 1, mode: "sparse", filters: { run: env("NEW_DOC_ID") } } });
await writer.close();

const other = await connect(env("OTHER_TENANT_KEY"));
report.otherTenantResource = await attempt(() => other.readResource({ uri: `ragwell://documents/${encodeURIComponent(env("DOC_ID"))}` }));
report.otherTenantSearch = await other.callTool({ name: "search", arguments: { query: env("QUESTION"), top_k: 3 } });
await other.close();

report.noKey = await attempt(() => connect(null));

process.stdout.write(JSON.stringify(report) + "\n");
