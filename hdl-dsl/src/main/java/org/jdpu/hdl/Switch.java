package org.jdpu.hdl;

import org.jdpu.hdl.ir.Chain;
import org.jdpu.hdl.ir.SourceLoc;
import org.jdpu.hdl.ir.Ty;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;

/**
 * A switch in progress: {@code switchOn(sel).is(0, ...).is(1, ...).otherwise(...)}. Cases are
 * tried in order; a switch whose cases cover every selector value needs no default.
 */
public final class Switch extends ChainBuilder {
    private final Signal selector;
    private final Set<BigInteger> seen = new HashSet<>();

    Switch(HwModule module, int chain, Signal selector) {
        super(module, chain);
        this.selector = selector;
    }

    /** Runs {@code body} when the selector equals {@code value}. */
    public Switch is(long value, Runnable body) {
        SourceLoc loc = Locations.here();
        if (!mayExtend(loc, "is")) {
            return this;
        }
        BigInteger v = BigInteger.valueOf(value);
        Ty t = selector.ty;
        if (!Build.fits(t.signed() ? t : Ty.uint(t.width()), v)) {
            module.report(loc, "case " + value + " can never match a selector of type " + t);
            return this;
        }
        if (!seen.add(v)) {
            module.report(loc, "duplicate case " + value);
            return this;
        }
        Bool cond = selector instanceof SInt s ? s.eq(value) : ((UInt) selector).eq(value);
        module.branch(chain, module.ref(cond, loc), body, loc);
        if (t.width() < 31 && seen.size() == (1 << t.width())) {
            Chain c = module.def.chains().get(chain);
            c.markExhaustive();
        }
        return this;
    }

    /** Runs {@code body} when no case matched (the default). Ends the switch. */
    public void otherwise(Runnable body) {
        closeWith(body, Locations.here());
    }

    @Override
    String followRule(String what) {
        return what + " must directly follow the previous case of its switch";
    }
}
