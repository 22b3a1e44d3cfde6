package org.tagbench.engine.dl4j;

import java.lang.reflect.Field;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.LayerHelper;

/**
 * The {@code helper} field of a DL4J M2.1 layer class, through which the layer hands its work to a faster
 * implementation; DL4J sets it only in the layer's constructor, so tagbench sets it by reflection.
 */
final class HelperSlot {
    private final Field field;

    private HelperSlot(Field field) {
        this.field = field;
    }

    /** The slot of {@code layerClass}, which must declare it (DL4J M2.1's convolution and batch norm layers do). */
    static HelperSlot of(Class<? extends Layer> layerClass) {
        try {
            Field field = layerClass.getDeclaredField("helper");
            field.setAccessible(true);
            return new HelperSlot(field);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("DL4J's " + layerClass.getSimpleName() + " has no helper field: not DL4J "
                    + "M2.1?", e);
        }
    }

    /** Gives {@code layer} {@code helper}. */
    void set(Layer layer, LayerHelper helper) {
        try {
            field.set(layer, helper);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot set the helper of DL4J's " + layer.getClass().getSimpleName(), e);
        }
    }
}
