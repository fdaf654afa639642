package com.example.webex.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.example.webex.client.WebexProperties;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static com.example.webex.client.TestWebex.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the connections under {@link WebexClient}: reuse, the pool's limit,
 * redirects, cookies, timeouts and connections the server closed, over real HTTP with the
 * bounds of {@link TestWebex#HTTP} (a pool of 4, 2 s to connect, 3 s to read).
 */
class WebexConnectionTests extends AbstractWebexClientTests {

	private static final String ME = "{\"id\":\"p-1\"}";

	@Test
	void meWhenCalledRepeatedlyThenReusesOneConnection() throws InterruptedException {
		for (int i = 0; i < 5; i++) {
			this.webex.enqueue(json(200, ME).build());
			assertThat(this.client.me().id()).isEqualTo("p-1");
		}

		for (int i = 0; i < 5; i++) {
			assertThat(this.webex.takeRequest().getConnectionIndex()).isZero();
		}
	}

	@Test
	void meWhenEveryPooledConnectionBusyThenWaitsNoLongerThanConnectTimeout() throws Exception {
		CountDownLatch answer = new CountDownLatch(1);
		this.webex.setDispatcher(new Dispatcher() {

			@Override
			public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
				answer.await(30, TimeUnit.SECONDS);
				return json(200, ME).build();
			}

		});
		int poolSize = TestWebex.HTTP.maxConnections();
		ExecutorService callers = Executors.newFixedThreadPool(poolSize);
		try {
			List<Future<Person>> busy = new ArrayList<>();
			for (int i = 0; i < poolSize; i++) {
				busy.add(callers.submit(this.client::me));
			}
			waitForRequests(poolSize);

			assertThatExceptionOfType(WebexApiException.class).isThrownBy(this.client::me).satisfies((ex) -> {
				assertThat(ex.getReason()).isEqualTo(WebexApiException.Reason.TIMEOUT);
				assertThat(ex.getStatus()).isNull();
			});
			assertThat(this.webex.getRequestCount()).isEqualTo(poolSize);

			answer.countDown();
			for (Future<Person> call : busy) {
				assertThat(call.get(10, TimeUnit.SECONDS).id()).isEqualTo("p-1");
			}
			List<Integer> connections = new ArrayList<>();
			for (int i = 0; i < poolSize; i++) {
				connections.add(this.webex.takeRequest().getConnectionIndex());
			}
			assertThat(connections).containsExactlyInAnyOrder(0, 1, 2, 3);
		}
		finally {
			answer.countDown();
			callers.shutdownNow();
		}
	}

	@Test
	void meWhenRedirectedThenNotFollowed() {
		this.webex.enqueue(new MockResponse.Builder().code(302)
			.setHeader("Location", this.webex.url("/v1/elsewhere"))
			.setHeader("TrackingID", "ROUTER_302")
			.build());
		this.webex.enqueue(json(200, ME).build());

		assertThatExceptionOfType(WebexApiException.class).isThrownBy(this.client::me).satisfies((ex) -> {
			assertThat(ex.getReason()).isEqualTo(WebexApiException.Reason.OTHER);
			assertThat(ex.getStatus()).isEqualTo(HttpStatus.FOUND);
			assertThat(ex.getTrackingId()).isEqualTo("ROUTER_302");
		});
		assertThat(this.webex.getRequestCount()).isOne();
	}

	@Test
	void meWhenWebexSetsCookieThenNextCallSendsNone() throws InterruptedException {
		this.webex.enqueue(json(200, ME).setHeader("Set-Cookie", "AWSALB=node-7; Path=/").build());
		this.webex.enqueue(json(200, ME).build());

		this.client.me();
		this.client.me();

		this.webex.takeRequest();
		assertThat(this.webex.takeRequest().getHeaders().get("Cookie")).isNull();
	}

	@Test
	void meWhenServerClosedPooledConnectionThenSentAgainOnNewOne() throws InterruptedException {
		// closed after the answer without "Connection: close": the client finds out only
		// when it sends the next request on it
		this.webex.enqueue(json(200, ME).onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE).build());
		this.webex.enqueue(json(200, "{\"id\":\"p-2\"}").build());

		assertThat(this.client.me().id()).isEqualTo("p-1");
		assertThat(this.client.me().id()).isEqualTo("p-2");

		assertThat(this.webex.takeRequest().getConnectionIndex()).isZero();
		assertThat(this.webex.takeRequest().getConnectionIndex()).isOne();
	}

	@Test
	void meWhenConnectTakesLongerThanConnectTimeoutThenTimeoutAfterRetries() throws Exception {
		// A listening socket that never accepts, with its backlog filled: the kernel
		// drops further connection attempts, so connecting hangs until the client gives
		// up.
		WebexProperties.Http http = new WebexProperties.Http(TestWebex.HTTP.connectTimeout(),
				TestWebex.HTTP.readTimeout(), 2, TestWebex.HTTP.backoff(), TestWebex.HTTP.maxRetryWait(), 4,
				TestWebex.HTTP.requestDeadline());
		HttpComponentsClientHttpRequestFactory requestFactory = WebexClientAutoConfiguration.requestFactory(http);
		try (ServerSocket unanswered = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				BacklogFiller filler = new BacklogFiller(unanswered)) {
			WebexProperties properties = new WebexProperties("client-id", "client-secret",
					"http://localhost:10060/oauth", "http://127.0.0.1:" + unanswered.getLocalPort() + "/v1",
					"spark:all", WebexProperties.ClientAuthentication.POST, null, http);
			WebexClient client = WebexClientAutoConfiguration.createWebexClient(RestClient.builder(), properties,
					requestFactory, List.of(TestWebex.bearerToken()), this.meterRegistry);

			assertThatExceptionOfType(WebexApiException.class).isThrownBy(client::me).satisfies((ex) -> {
				assertThat(ex.getReason()).isEqualTo(WebexApiException.Reason.TIMEOUT);
				assertThat(ex.getStatus()).isNull();
			});
			// a connect timeout never reached Webex, so it is retried
			assertThat(this.meterRegistry.get("webex.api.calls").tag("status", "IO_ERROR").timer().count())
				.isEqualTo(2);
		}
		finally {
			requestFactory.destroy();
		}
	}

	private void waitForRequests(int count) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (this.webex.getRequestCount() < count && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		assertThat(this.webex.getRequestCount()).isEqualTo(count);
	}

	/** Connects to a socket that never accepts until its backlog is full. */
	private static final class BacklogFiller implements AutoCloseable {

		private final List<Socket> sockets = new ArrayList<>();

		BacklogFiller(ServerSocket server) throws IOException {
			InetSocketAddress address = new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
			for (int i = 0; i < 8; i++) {
				Socket socket = new Socket();
				this.sockets.add(socket);
				try {
					socket.connect(address, 200);
				}
				catch (IOException ex) {
					// the backlog is full: this is what the client will run into
					return;
				}
			}
			throw new IllegalStateException("The backlog never filled up");
		}

		@Override
		public void close() throws IOException {
			for (Socket socket : this.sockets) {
				socket.close();
			}
		}

	}

}
