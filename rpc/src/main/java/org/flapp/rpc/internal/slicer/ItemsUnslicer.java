package org.flapp.rpc.internal.slicer;

import java.util.ArrayList;
import java.util.List;
import org.flapp.rpc.internal.banana.DecodeContext;
import org.flapp.rpc.internal.banana.Unslicer;

/**
 * What the unslicers of sequences (list, tuple, a failure's parents) share: the children kept in
 * arrival order, each as {@link #item} makes it, and a description by count. Subclasses say what
 * stands for the sequence while it is open and what it becomes at CLOSE.
 */
abstract class ItemsUnslicer<T> extends Unslicer {
    final List<T> items = new ArrayList<>();

    /** The child as it is kept. */
    abstract T item(Object child);

    @Override
    public final void receiveChild(Object child, DecodeContext ctx) {
        items.add(item(child));
    }

    @Override
    public final String describe() {
        return "[" + items.size() + "]";
    }
}
