package org.tagbench.files;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A NumPy array met inside a pickle, rebuilt from the state NumPy pickles it with ({@code _reconstruct} then
 * {@code __setstate__}); holds its values as doubles. Public only because the unpickler calls {@code __setstate__}
 * by reflection.
 */
public final class PickledNumpyArray {
    private double[] values;

    PickledNumpyArray() {
    }

    /** NumPy's array state: (version, shape, dtype, Fortran order, raw bytes). */
    public void __setstate__(Object[] state) {
        if (state.length != 5 || !(state[1] instanceof Object[] dims) || !(state[2] instanceof Dtype dtype)) {
            throw new IllegalArgumentException("not a NumPy array state");
        }
        long[] shape = Arrays.stream(dims).mapToLong(d -> ((Number) d).longValue()).toArray();
        byte[] raw = state[4] instanceof String text ? text.getBytes(StandardCharsets.ISO_8859_1)
                : state[4] instanceof byte[] bytes ? bytes : null;
        if (raw == null) {
            throw new IllegalArgumentException("a NumPy array of Python objects is not supported");
        }
        values = dtype.decode(raw);
        // C or Fortran order matters only for more than one dimension of length > 1, which tag vectors do not have.
        if (Boolean.TRUE.equals(state[3]) && Arrays.stream(shape).filter(d -> d > 1).count() > 1) {
            throw new IllegalArgumentException("a Fortran-ordered NumPy matrix is not supported");
        }
    }

    /** The values in C order. */
    double[] values() {
        return values.clone();
    }

    /** A NumPy dtype met inside a pickle: its type code ({@code b1}, {@code i8}, {@code f4}, ...) and byte order. */
    public static final class Dtype {
        private final String code;
        private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

        Dtype(String code) {
            this.code = code;
        }

        /** NumPy's dtype state: (version, byte order, ...). */
        public void __setstate__(Object[] state) {
            if (state.length > 1 && ">".equals(state[1])) {
                order = ByteOrder.BIG_ENDIAN;
            }
        }

        private double[] decode(byte[] raw) {
            ByteBuffer buffer = ByteBuffer.wrap(raw).order(order);
            int size = switch (code) {
                case "b1", "i1", "u1" -> 1;
                case "i2", "u2" -> 2;
                case "i4", "u4", "f4" -> 4;
                case "i8", "u8", "f8" -> 8;
                default -> throw new IllegalArgumentException("NumPy type " + code + " is not supported");
            };
            double[] values = new double[raw.length / size];
            for (int i = 0; i < values.length; i++) {
                values[i] = switch (code) {
                    case "b1", "i1" -> buffer.get();
                    case "u1" -> buffer.get() & 0xff;
                    case "i2" -> buffer.getShort();
                    case "u2" -> buffer.getShort() & 0xffff;
                    case "i4" -> buffer.getInt();
                    case "u4" -> buffer.getInt() & 0xffffffffL;
                    case "f4" -> buffer.getFloat();
                    case "f8" -> buffer.getDouble();
                    default -> buffer.getLong();
                };
            }
            return values;
        }
    }
}
