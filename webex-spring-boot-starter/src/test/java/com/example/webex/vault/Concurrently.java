package com.example.webex.vault;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts many calls at the same moment and collects what each returned or threw.
 */
public final class Concurrently {

	private Concurrently() {
	}

	public static <T> Outcomes<T> run(List<Callable<T>> calls) throws InterruptedException {
		ExecutorService executor = Executors.newFixedThreadPool(calls.size());
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<T>> futures = new ArrayList<>();
			for (Callable<T> call : calls) {
				futures.add(executor.submit(() -> {
					start.await();
					return call.call();
				}));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			List<Throwable> failures = new ArrayList<>();
			for (Future<T> future : futures) {
				try {
					results.add(future.get());
				}
				catch (ExecutionException ex) {
					failures.add(ex.getCause());
				}
			}
			return new Outcomes<>(results, failures);
		}
		finally {
			executor.shutdownNow();
		}
	}

	public record Outcomes<T>(List<T> results, List<Throwable> failures) {
	}

}
