package io.ragwell.deploy;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * No configuration record prints a secret: every {@code @ConfigurationProperties} record under
 * {@code io.ragwell}, found by a classpath scan so a new one cannot be forgotten, is built with a marker in
 * every secret-like string component (nested records and lists of records included), and its
 * {@code toString} must not contain the marker.
 */
class SecretRedactionTests {

	/** 16 characters or more: API keys are refused when shorter. */
	private static final String MARKER = "SECRET-MARKER-7f3a9c1e5b";

	private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(key|password|secret|token|credential).*");

	@Test
	void noConfigurationRecordPrintsASecretInToString() throws Exception {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
		Set<BeanDefinition> candidates = scanner.findCandidateComponents("io.ragwell");
		List<String> checked = new ArrayList<>();
		Set<String> withSecrets = new LinkedHashSet<>();
		for (BeanDefinition candidate : candidates) {
			Class<?> type = Class.forName(candidate.getBeanClassName());
			if (!type.isRecord()) {
				fail(type.getName() + " is @ConfigurationProperties but not a record: make it one (house style), or"
						+ " extend this test to build it");
			}
			Object properties = build(type, withSecrets);
			assertThat(properties.toString()).as(type.getName() + ".toString()").doesNotContain(MARKER);
			checked.add(type.getSimpleName());
		}
		// The scan found the properties the secrets live in, so a broken scan cannot pass silently.
		assertThat(checked).contains("WeaviateProperties", "PineconeProperties", "OpenSearchProperties",
				"LlmProperties", "RerankProperties", "OpenAiEmbeddingProperties", "SecurityProperties");
		assertThat(withSecrets).contains("WeaviateProperties", "PineconeProperties", "OpenSearchProperties",
				"LlmProperties", "RerankProperties", "OpenAiEmbeddingProperties", "ApiKey");
	}

	/** An instance whose secret-like strings are the marker and whose other components are plain valid values. */
	private static Object build(Class<?> type, Set<String> withSecrets) throws Exception {
		RecordComponent[] components = type.getRecordComponents();
		Class<?>[] types = new Class<?>[components.length];
		Object[] values = new Object[components.length];
		for (int i = 0; i < components.length; i++) {
			types[i] = components[i].getType();
			values[i] = value(components[i].getName(), components[i].getGenericType(), withSecrets, type);
		}
		Constructor<?> constructor = type.getDeclaredConstructor(types);
		constructor.setAccessible(true);
		return constructor.newInstance(values);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static Object value(String name, Type generic, Set<String> withSecrets, Class<?> owner) throws Exception {
		Class<?> type = raw(generic);
		if (type == String.class) {
			if (SECRET_NAME.matcher(name).matches()) {
				withSecrets.add(owner.getSimpleName());
				return MARKER;
			}
			return "Value1";
		}
		if (type == char[].class) {
			withSecrets.add(owner.getSimpleName());
			return MARKER.toCharArray();
		}
		if (type == int.class || type == Integer.class) {
			return 1;
		}
		if (type == long.class || type == Long.class) {
			return 1L;
		}
		if (type == double.class || type == Double.class) {
			return 0.5;
		}
		if (type == float.class || type == Float.class) {
			return 0.5f;
		}
		if (type == boolean.class || type == Boolean.class) {
			return true;
		}
		if (type == Duration.class) {
			return Duration.ofSeconds(1);
		}
		if (type == DataSize.class) {
			return DataSize.ofKilobytes(1);
		}
		if (type == Path.class) {
			return Path.of("p");
		}
		if (type.isEnum()) {
			return type.getEnumConstants()[0];
		}
		if (type.isRecord()) {
			return build(type, withSecrets);
		}
		if (type == List.class || type == Set.class) {
			Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
			Class<?> elementType = raw(element);
			if (type == Set.class && elementType.isEnum()) {
				return EnumSet.of((Enum) elementType.getEnumConstants()[0]);
			}
			Object one = value(name, element, withSecrets, owner);
			return (type == List.class) ? List.of(one) : Set.of(one);
		}
		if (type == Map.class) {
			Type[] arguments = ((ParameterizedType) generic).getActualTypeArguments();
			return Map.of(value("name", arguments[0], withSecrets, owner), value(name, arguments[1], withSecrets, owner));
		}
		throw new AssertionError("no sample value for " + owner.getName() + "." + name + " of type " + generic
				+ ": teach SecretRedactionTests.value about it");
	}

	private static Class<?> raw(Type type) {
		return (type instanceof ParameterizedType parameterized) ? (Class<?>) parameterized.getRawType() : (Class<?>) type;
	}

}
