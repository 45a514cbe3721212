package io.ragwell.core;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ForwardingVectorStoreTests {

	/**
	 * A port method the forwarding base does not declare would reach a decorated store as the port's default
	 * (for {@code upsertAll}: one write per document instead of the store's own batch).
	 */
	@Test
	void forwardsEveryMethodOfThePort() throws NoSuchMethodException {
		List<Method> portMethods = Arrays.stream(VectorStore.class.getMethods())
			.filter(method -> !Modifier.isStatic(method.getModifiers()))
			.toList();
		assertThat(portMethods).extracting(Method::getName).contains("upsertAll", "chunkVectors");
		for (Method method : portMethods) {
			assertThat(ForwardingVectorStore.class.getMethod(method.getName(), method.getParameterTypes())
				.getDeclaringClass()).as(method.getName()).isEqualTo(ForwardingVectorStore.class);
		}
	}

}
