// Files handed in with a task: uploaded one by one (POST /api/v1/attachments), then named by id.
import { api, unwrap, type Schemas } from "@/api/client";

export type Attachment = Schemas["AttachmentRead"];

/** An upload's body (the form field `file`) in the typed shape the client expects; the form
 * carries the file itself. For attachments, clue files and indicator sheets alike. */
export function fileForm(file: File): { body: { file: string }; bodySerializer: () => FormData } {
  return {
    body: { file: file.name },
    bodySerializer: () => {
      const form = new FormData();
      form.append("file", file);
      return form;
    },
  };
}

export function uploadAttachment(file: File): Promise<Attachment> {
  return unwrap(api.POST("/api/v1/attachments", fileForm(file)));
}

/** A size as people read it: 12.3 KB, 4.5 MB. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
