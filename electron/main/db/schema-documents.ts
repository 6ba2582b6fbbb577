/* Row types of the document register: generated documents and attached copies, one row per stored file. */
import type { Tracked } from './schema'

export interface DocumentTable extends Tracked {
  id: string
  case_id: string
  /** The generated kind; null for an attachment. */
  kind: string | null
  /** The attachment's category; null for a generated document. */
  category: string | null
  title: string
  /** 1, 2, … per case and kind (or category); a regenerated document is a new row, the old kept. */
  revision: number
  format: 'docx' | 'pdf' | 'jpg' | 'png'
  /** Path under the data folder's documents/ directory, with forward slashes: `<case id>/<file>`. */
  file_path: string
  sha256: string
  size_bytes: number
  template_source: 'builtin' | 'custom' | null
  created_by_id: string
  created_by_name: string
}

export interface DocumentTables {
  documents: DocumentTable
}
