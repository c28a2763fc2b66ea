package com.returnsdrawer.web;

import java.util.concurrent.CompletionException;

/** What went wrong in an asynchronous step, without the wrapper a dependent stage puts around it. */
public final class Futures {

    private Futures() {
    }

    /** The failure itself: a {@link CompletionException}'s cause, else the error as it is. */
    public static Throwable cause(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
