// scripts/openapi-document.ts (`openAPIDocumentModule`, vitest.config.ts): the document the build writes.
declare module "virtual:openapi-document" {
  const document: unknown;
  export default document;
}
