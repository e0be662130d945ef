// A JSON answer already encoded: the server sends its bytes as they are (bulk lists, written by bulk-text.ts).
export class JsonText {
  constructor(readonly body: Buffer) {}
}
