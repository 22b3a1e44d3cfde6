package org.tagbench.files;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * Embeddings as a Parquet table, a row per file: {@code file} (UTF-8 string) and {@code embedding} (a list of
 * float32), the layout pandas and Arrow read into a column of vectors. Uncompressed: float vectors barely compress.
 */
public final class ParquetEmbeddings {
    /** The table's schema: the file's path, then its vector. */
    public static final MessageType SCHEMA = Types.buildMessage()
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("file")
            .requiredList().requiredElement(PrimitiveTypeName.FLOAT).named("embedding")
            .named("embeddings");

    private ParquetEmbeddings() {
    }

    /** Writes a row per entry of {@code files} with the same row of {@code vectors} (as float32) to {@code out}. */
    public static void write(OutputStream out, List<String> files, List<double[]> vectors) throws IOException {
        if (files.size() != vectors.size()) {
            throw new IllegalArgumentException(files.size() + " files for " + vectors.size() + " vectors");
        }
        SimpleGroupFactory rows = new SimpleGroupFactory(SCHEMA);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new StreamFile(out))
                .withConf(new PlainParquetConfiguration()).withType(SCHEMA)
                .withCompressionCodec(CompressionCodecName.UNCOMPRESSED).build()) {
            for (int r = 0; r < files.size(); r++) {
                Group row = rows.newGroup().append("file", files.get(r));
                Group list = row.addGroup("embedding");
                for (double v : vectors.get(r)) {
                    list.addGroup("list").append("element", (float) v);
                }
                writer.write(row);
            }
        }
    }

    /** An already open stream as Parquet's output file, so that the caller decides where and how it is written. */
    private record StreamFile(OutputStream out) implements OutputFile {
        @Override
        public PositionOutputStream create(long blockSizeHint) {
            return new PositionOutputStream() {
                private long position;

                @Override
                public long getPos() {
                    return position;
                }

                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    position++;
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    position += len;
                }

                @Override
                public void flush() throws IOException {
                    out.flush();
                }

                @Override
                public void close() throws IOException {
                    out.close();
                }
            };
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) {
            return create(blockSizeHint);
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }
    }
}
