package org.tagbench.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 2-D NumPy {@code .npy} matrices: read (any bool, integer or float32/64 dtype, C or Fortran order, format
 * versions 1 to 3) as rows of doubles, and written as float32, float64 or bool; float32 arrays of any shape are
 * written and read too (a model bundle's weights). The format is read here rather than through an
 * engine's library so that either engine's build alone reads label and score files.
 */
public final class NpyMatrix {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([bifu])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final int ALIGNMENT = 64;

    private NpyMatrix() {
    }

    /**
     * The rows of {@code file}; an {@link IllegalArgumentException} says what is wrong (not a .npy file, not
     * 2-D) without naming the file, so that callers can put it in their own one-line error.
     */
    public static double[][] read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("not a NumPy .npy file (no such file)");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        Parsed parsed = parse(bytes);
        return values(parsed.header(), parsed.data());
    }

    /** An array of any shape: its shape and its values in C (row-major) order. */
    public record Floats(int[] shape, float[] values) {
        public Floats {
            shape = shape.clone();
            values = values.clone();
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }

        @Override
        public float[] values() {
            return values.clone();
        }
    }

    /**
     * The array of the {@code .npy} file {@code bytes}, of any shape and float or integer dtype, as float32 in C
     * order; an {@link IllegalArgumentException} says what is wrong without naming the file.
     */
    public static Floats readFloats(byte[] bytes) {
        Parsed parsed = parse(bytes);
        Header header = header(parsed.header());
        long size = 1;
        for (int n : header.shape()) {
            size *= n;
        }
        if (size * header.size() > parsed.data().remaining()) {
            throw new IllegalArgumentException("not a NumPy .npy file (its data is shorter than shape "
                    + Arrays.toString(header.shape()) + " needs)");
        }
        if (header.columnMajor() && header.shape().length > 1) {
            throw new IllegalArgumentException("is in Fortran order, expected C order");
        }
        if (header.bigEndian()) {
            parsed.data().order(ByteOrder.BIG_ENDIAN);
        }
        ToDoubleFunction<ByteBuffer> element = element(header.kind(), header.size());
        float[] values = new float[Math.toIntExact(size)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) element.applyAsDouble(parsed.data());
        }
        return new Floats(header.shape(), values);
    }

    /** The bytes of a C-order little-endian float32 {@code .npy} file of {@code values} in {@code shape}. */
    public static byte[] float32(float[] values, int[] shape) {
        long size = 1;
        for (int n : shape) {
            size *= n;
        }
        if (size != values.length) {
            throw new IllegalArgumentException(values.length + " values do not fill shape " + Arrays.toString(shape));
        }
        ByteBuffer out = withHeader("<f4", shape, 4);
        out.asFloatBuffer().put(values);
        return out.array();
    }

    /** A file's header text and its data, once the magic and the header's length are checked. */
    private record Parsed(String header, ByteBuffer data) {
    }

    private static Parsed parse(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new IllegalArgumentException("not a NumPy .npy file (no \\x93NUMPY magic)");
        }
        int major = bytes[6];
        buffer.position(8);
        int headerLength = major == 1 ? Short.toUnsignedInt(buffer.getShort()) : buffer.getInt();
        if (buffer.position() + headerLength > bytes.length) {
            throw new IllegalArgumentException("not a NumPy .npy file (header cut short)");
        }
        String header = new String(bytes, buffer.position(), headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        buffer.position(buffer.position() + headerLength);
        return new Parsed(header, buffer.slice().order(ByteOrder.LITTLE_ENDIAN));
    }

    /** The bytes of a C-order little-endian float32 {@code .npy} file of {@code rows x columns} values. */
    public static byte[] float32(float[] values, int rows, int columns) {
        if ((long) rows * columns != values.length) {
            throw new IllegalArgumentException(values.length + " values are not " + rows + " x " + columns);
        }
        return float32(values, new int[] {rows, columns});
    }

    /** The bytes of a C-order little-endian float64 {@code .npy} file of {@code matrix} (rows of equal length). */
    public static byte[] float64(double[][] matrix) {
        int columns = columns(matrix);
        ByteBuffer out = withHeader("<f8", new int[] {matrix.length, columns}, 8);
        DoubleBuffer data = out.asDoubleBuffer();
        for (double[] row : matrix) {
            data.put(row);
        }
        return out.array();
    }

    /** The bytes of a C-order bool {@code .npy} file of {@code matrix} (rows of equal length). */
    public static byte[] bool(boolean[][] matrix) {
        ByteBuffer out = withHeader("|b1", new int[] {matrix.length, columns(matrix)}, 1);
        for (boolean[] row : matrix) {
            for (boolean value : row) {
                out.put((byte) (value ? 1 : 0));
            }
        }
        return out.array();
    }

    /** A buffer for a whole file, holding its header as NumPy writes it (version 1, data aligned to 64 bytes). */
    private static ByteBuffer withHeader(String descr, int[] shape, int itemBytes) {
        StringBuilder dims = new StringBuilder();
        long size = 1;
        for (int n : shape) {
            // NumPy's tuple: "(5,)" for one axis, "(2, 3)" for more.
            dims.append(dims.length() == 0 ? "" : " ").append(n).append(',');
            size *= n;
        }
        String tuple = shape.length <= 1 ? dims.toString() : dims.substring(0, dims.length() - 1);
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + tuple + "), }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        String header = dict + " ".repeat(Math.floorMod(-unpadded, ALIGNMENT)) + "\n";
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(MAGIC.length + 4 + header.length()
                + itemBytes * size)).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length())
                .put(header.getBytes(StandardCharsets.ISO_8859_1));
        return out;
    }

    /** The row length of a matrix given as an array of primitive rows, which must all have it. */
    private static int columns(Object[] matrix) {
        int columns = matrix.length == 0 ? 0 : Array.getLength(matrix[0]);
        for (int r = 0; r < matrix.length; r++) {
            if (Array.getLength(matrix[r]) != columns) {
                throw new IllegalArgumentException("row " + r + " has " + Array.getLength(matrix[r])
                        + " values, row 0 has " + columns);
            }
        }
        return columns;
    }

    /** What a header says: the dtype's kind and bytes, the byte order, the order of axes and the shape. */
    private record Header(char kind, int size, boolean bigEndian, boolean columnMajor, int[] shape) {
    }

    private static Header header(String header) {
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shapeText = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shapeText.find()) {
            throw new IllegalArgumentException("not a NumPy .npy file (unreadable header " + header.strip() + ")");
        }
        int[] shape = Arrays.stream(shapeText.group(1).split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .mapToInt(Integer::parseInt).toArray();
        return new Header(descr.group(2).charAt(0), Integer.parseInt(descr.group(3)), descr.group(1).equals(">"),
                fortran.group(1).equals("True"), shape);
    }

    private static double[][] values(String text, ByteBuffer data) {
        Header header = header(text);
        int[] shape = header.shape();
        if (shape.length != 2) {
            throw new IllegalArgumentException("has shape " + Arrays.toString(shape) + ", expected a 2-D matrix");
        }
        if (header.bigEndian()) {
            data.order(ByteOrder.BIG_ENDIAN);
        }
        char kind = header.kind();
        int size = header.size();
        boolean columnMajor = header.columnMajor();
        int rows = shape[0];
        int columns = shape[1];
        if ((long) rows * columns * size > data.remaining()) {
            throw new IllegalArgumentException("not a NumPy .npy file (its data is shorter than shape "
                    + Arrays.toString(shape) + " needs)");
        }
        double[][] matrix = new double[rows][columns];
        if ((long) rows * columns == 0) {
            return matrix;
        }
        // The dtype is resolved once: per element it cost more than the read (a comparison's 60 score files).
        ToDoubleFunction<ByteBuffer> element = element(kind, size);
        for (long k = 0; k < (long) rows * columns; k++) {
            int row = (int) (columnMajor ? k % rows : k / columns);
            int column = (int) (columnMajor ? k / rows : k % columns);
            matrix[row][column] = element.applyAsDouble(data);
        }
        return matrix;
    }

    /** The reader of one element of dtype {@code kind} and {@code size} bytes, as a double. */
    private static ToDoubleFunction<ByteBuffer> element(char kind, int size) {
        return switch (kind + Integer.toString(size)) {
            case "b1", "i1" -> ByteBuffer::get;
            case "u1" -> data -> Byte.toUnsignedInt(data.get());
            case "i2" -> ByteBuffer::getShort;
            case "u2" -> data -> Short.toUnsignedInt(data.getShort());
            case "i4" -> ByteBuffer::getInt;
            case "u4" -> data -> Integer.toUnsignedLong(data.getInt());
            case "i8", "u8" -> ByteBuffer::getLong;
            case "f4" -> ByteBuffer::getFloat;
            case "f8" -> ByteBuffer::getDouble;
            default -> throw new IllegalArgumentException("has dtype " + kind + size
                    + ", expected bool, an integer, float32 or float64");
        };
    }
}
