package com.returnsdrawer.support;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;

import java.util.Comparator;

/** Keeps the discovery order of test classes, but runs {@code SuiteLogTest} after all the others. */
public final class SuiteLogLast implements ClassOrderer {

    @Override
    public void orderClasses(org.junit.jupiter.api.ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparingInt(
                (ClassDescriptor d) -> d.getTestClass().getSimpleName().equals("SuiteLogTest") ? 1 : 0));
    }
}
