package com.example.webexoauth.rooms;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.example.webexoauth.ApiClient;
import com.example.webexoauth.AppHttp;
import com.example.webexoauth.Browser;
import com.example.webexoauth.RunningApp;
import com.example.webexoauth.SimulatedWebex;
import com.example.webex.login.MutableClock;

import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the room list tests do over HTTP besides browsing: many requests of one session at
 * the same moment, and rooms added at the simulator.
 */
final class RoomsHttp {

	private RoomsHttp() {
	}

	/**
	 * Sends {@code count} GETs with the session's cookie, all released at the same
	 * moment.
	 * @return the responses, in no particular order
	 */
	static List<HttpResponse<String>> concurrently(int count, String url, String session, String... headers)
			throws InterruptedException, ExecutionException {
		String[] all = new String[headers.length + 2];
		all[0] = "Cookie";
		all[1] = "SESSION=" + session;
		System.arraycopy(headers, 0, all, 2, headers.length);
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<HttpResponse<String>>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				futures.add(executor.submit(() -> {
					start.await();
					return AppHttp.get(url, all);
				}));
			}
			start.countDown();
			List<HttpResponse<String>> responses = new ArrayList<>();
			for (Future<HttpResponse<String>> future : futures) {
				responses.add(future.get());
			}
			return responses;
		}
	}

	/** Adds a group room, active now, to a demo user's rooms at the simulator. */
	static void addRoom(String user, String title) {
		String admin = SimulatedWebex.apiBaseUrl().replaceFirst("/v1$", "") + "/simulator/rooms";
		HttpResponse<String> added = AppHttp.send("POST", admin,
				"{\"user\": \"%s\", \"title\": \"%s\"}".formatted(user, title), "Content-Type", "application/json");
		assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
	}

	/** The signed-in user's Webex person id, the cache's key. */
	static String personId(RunningApp app, Browser browser) {
		return ApiClient.signedInAs(app, browser).get("/api/me").json().get("id").asString();
	}

	/**
	 * The app's clock, moved by the tests (a plain class: the app's component scan skips
	 * it).
	 */
	static class ClockBean {

		static final MutableClock clock = new MutableClock();

		@Bean
		Clock testClock() {
			return clock;
		}

	}

}
