// Files handed in with a task: uploaded one by one (POST /api/v1/attachments), then named by id.
import { api, unwrap, type Schemas } from "@/api/client";

export type Attachment = Schemas["AttachmentRead"];

export function uploadAttachment(file: File): Promise<Attachment> {
  return unwrap(
    api.POST("/api/v1/attachments", {
      body: { file: file.name }, // the typed shape; the form below carries the file itself
      bodySerializer: () => {
        const form = new FormData();
        form.append("file", file);
        return form;
      },
    }),
  );
}

/** A size as people read it: 12.3 KB, 4.5 MB. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
