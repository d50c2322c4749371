// An integrator's walk through the Returns API, written against the types that openapi-typescript generates
// from openapi/returns.v1.json (run.sh: generated/returns.d.ts) and called through openapi-fetch.
// It is only type-checked (tsc -p ., strict), never run. No casts and no `any`: where this file does not
// type-check, the document does not tell an integrator what the API does.
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/returns";

type CaseStatus = components["schemas"]["CaseStatus"];
// openapi-fetch infers each call's options generically, which lets unknown keys through; typed locals
// (annotations, not casts) make tsc hold each request part to the document.
type Cases = paths["/api/v1/cases"];
type CreateCaseBody = Cases["post"]["requestBody"]["content"]["application/json"];
type CreateCaseHeaders = NonNullable<Cases["post"]["parameters"]["header"]>;
type ListCasesQuery = NonNullable<Cases["get"]["parameters"]["query"]>;
type Approve = paths["/api/v1/cases/{id}/approve"]["post"];
type ApproveHeaders = NonNullable<Approve["parameters"]["header"]>;
type ApproveBody = Approve["requestBody"]["content"]["application/json"];
type EvidenceForm = paths["/api/v1/cases/{id}/evidence"]["post"]["requestBody"]["content"]["multipart/form-data"];

const client = createClient<paths>({
  baseUrl: "https://returns.example.com",
  headers: { "X-Api-Key": "integration-key-shown-once" },
  // GET /api/v1/cases takes several statuses comma-separated (status=submitted,awaitingEvidence).
  querySerializer: { array: { style: "form", explode: false } },
});

export async function walk(photo: Blob): Promise<void> {
  // 1. Log a return for an order, retry-safe.
  const createHeaders: CreateCaseHeaders = { "Idempotency-Key": "order-TB1001-return-1" };
  const newCase: CreateCaseBody = {
    type: "return",
    shop: "demo-shop",
    order: {
      orderNumber: "TB1001",
      paidAt: "2026-11-01T10:00:00Z",
      deliveredAt: "2026-11-04T10:00:00Z",
      shippingFee: 8,
      items: [{ sku: "DRESS-RED-M", name: "Red dress M", quantity: 1, unitPrice: 199 }],
    },
    buyer: { nickname: "xiaowang", phone: "13800000000" },
    reason: "quality.defective",
    description: "Split seam at the waist",
    items: [{ sku: "DRESS-RED-M", quantity: 1 }],
  };
  const created = await client.POST("/api/v1/cases", { params: { header: createHeaders }, body: newCase });
  if (created.error) {
    // 422: a policy refused the case; the code says which.
    switch (created.error.code) {
      case "validation-failed":
      case "outside-window":
        return;
      default:
        throw new Error(`case not created: ${created.error.code ?? created.response.status}`);
    }
  }
  const caseId: string = created.data.id;

  // 2. Read it back (by id or number): what it is, where it stands, what the caller may do now.
  const got = await client.GET("/api/v1/cases/{id}", { params: { path: { id: caseId } } });
  if (got.error) throw new Error(`case ${caseId}: ${got.error.code ?? got.response.status}`);
  const found = got.data;
  const id: string = found.id;
  const status: CaseStatus = found.status;
  const version: number = found.version;
  const mayApprove: boolean = found.allowedActions.includes("approve");
  // Before the buyer ships the goods back the case says `returnShipment: null`.
  const beforeShipping: typeof found.returnShipment = null;
  const tracking: string | null = found.returnShipment?.trackingNumber ?? beforeShipping;
  console.log(id, status, version, mayApprove, tracking);

  // 3. Attach the buyer's photo: a multipart form whose parts named `file` are images.
  // openapi-typescript's CLI types a `format: binary` part as a string, so the typed body names the files
  // and the body serializer puts their bytes into the FormData under the document's part name.
  const photos = new Map<string, Blob>([["parcel.jpg", photo]]);
  const evidence: EvidenceForm = { file: ["parcel.jpg"] };
  const uploaded = await client.POST("/api/v1/cases/{id}/evidence", {
    params: { path: { id } },
    body: evidence,
    bodySerializer(form: EvidenceForm): FormData {
      const data = new FormData();
      for (const name of form.file) {
        const bytes = photos.get(name);
        if (bytes !== undefined) data.append("file", bytes, name);
      }
      return data;
    },
  });
  if (uploaded.error) {
    switch (uploaded.error.code) {
      case "payload-too-large":
      case "unsupported-media-type":
        return;
      default:
        throw new Error(`evidence refused: ${uploaded.error.code ?? uploaded.response.status}`);
    }
  }

  // 4. Approve, only if nobody changed the case since we read it (If-Match: "<version>"), retry-safe.
  const approveHeaders: ApproveHeaders = {
    "If-Match": `"${uploaded.data.version}"`,
    "Idempotency-Key": `approve-${id}-${version}`,
  };
  const approval: ApproveBody = { note: "Photo shows the split seam" };
  const approved = await client.POST("/api/v1/cases/{id}/approve", {
    params: { path: { id }, header: approveHeaders },
    body: approval,
  });
  if (approved.error) {
    const problem = approved.error;
    // The code is one of the API's stable codes (an enum), not any string.
    const codes: string extends typeof problem.code ? "code is not an enum of the stable codes" : "enum" = "enum";
    switch (problem.code) {
      case "invalid-transition": // 409: the case moved on; read it again
      case "idempotency-key-reused": // 409: this key was used with another body
      case "precondition-failed": // 412: stale version
        return;
      case "evidence-required": // 422: policy refusals
      case "supervisor-required":
      case "outside-window":
        console.log(codes, problem.status, problem.detail);
        return;
      default:
        throw new Error(`approve refused: ${problem.code ?? approved.response.status}`);
    }
  }
  const afterApproval: CaseStatus = approved.data.status;
  console.log(afterApproval);

  // 5. The timeline, oldest first: the first entry has no `from` status; `data` is free-form JSON.
  const timeline = await client.GET("/api/v1/cases/{id}/timeline", { params: { path: { id } } });
  if (timeline.error) throw new Error(`timeline: ${timeline.error.code ?? timeline.response.status}`);
  for (const entry of timeline.data.items) {
    const from: CaseStatus | null = entry.from;
    const to: CaseStatus = entry.to;
    const data: unknown = entry.data;
    console.log(entry.at, entry.action, from ?? "(new)", to, JSON.stringify(data));
  }

  // 6. The open returns that wait for the buyer.
  const waiting: ListCasesQuery = { type: "return", status: ["submitted", "awaitingEvidence"], limit: 50 };
  const list = await client.GET("/api/v1/cases", { params: { query: waiting } });
  if (list.error) throw new Error(`list: ${list.error.code ?? list.response.status}`);
  for (const row of list.data.items) {
    const rowId: string = row.id;
    const rowStatus: CaseStatus = row.status;
    console.log(rowId, rowStatus);
  }
  const next: string | null = list.data.nextCursor;
  console.log(next);
}
