package org.flapp.rpc.interop;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.flapp.rpc.Referenceable;
import org.flapp.rpc.RemoteMethods;

/** The Java twin of interop_peer.py's Echo: the same remote methods, for checks both ways. */
final class JavaEcho implements Referenceable {
    final List<Object> notes = Collections.synchronizedList(new ArrayList<>());
    private final RemoteMethods methods = RemoteMethods.builder()
            .method("echo", args -> args.get(0))
            .method("make", args -> SampleValues.all().get(args.string(0)))
            .method("check", args -> {
                String name = args.string(0);
                String difference = SampleValues.difference(name, SampleValues.all().get(name), args.get(1));
                return difference == null ? Boolean.TRUE : difference;
            })
            .method("fail", args -> {
                throw new IllegalArgumentException(args.string(1));
            })
            .method("call_back", args -> {
                List<Object> rest = new ArrayList<>();
                for (int i = 2; i < args.size(); i++) {
                    rest.add(args.get(i));
                }
                return args.reference(0).callRemote(args.string(1), rest, Map.of());
            })
            .method("note", args -> {
                notes.add(args.get(0));
                return null;
            })
            .method("notes", args -> new ArrayList<>(notes))
            .method("new_object", args -> new JavaEcho())
            .build();

    @Override
    public RemoteMethods remoteMethods() {
        return methods;
    }
}
