// Reads a Parquet file with hyparquet (an independent, pure-JavaScript reader) and prints its rows as JSON, one
// object per row: how ParquetEmbeddingsTest checks what `tagbench embed --parquet` wrote.
//   npm ci --prefix scripts/parquet && node scripts/parquet/read_parquet.mjs FILE.parquet
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet'

const file = await asyncBufferFromFile(process.argv[2])
console.log(JSON.stringify(await parquetReadObjects({ file })))
