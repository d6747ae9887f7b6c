// GELU for the model's MLP. On the wasm backend with the native kernels registered it is one
// fused kernel forward and one backward (instead of ~8 + ~14 elementwise tfjs kernels over the
// [B·T, 4·D] activations, a quarter of a training step in the profile); elsewhere it is the same
// composition of tfjs ops the model used before, so cpu results do not change.
import * as tf from "@tensorflow/tfjs-core";

export const GELU_KERNEL = "LockpickGelu";
export const GELU_GRAD_KERNEL = "LockpickGeluGrad";

/** GELU, tanh approximation (PyTorch `gelu(approximate="tanh")`, GPT-2's "gelu_new"). */
export function geluOps<T extends tf.Tensor>(x: T): T {
  return tf.tidy(() => {
    const inner = tf.mul(
      tf.add(x, tf.mul(tf.mul(tf.square(x), x), 0.044715)),
      Math.sqrt(2 / Math.PI),
    );
    return tf.mul(tf.mul(x, 0.5), tf.add(tf.tanh(inner), 1));
  });
}

const fusedGeluOp = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, save] = args as [tf.Tensor, tf.GradSaveFunc];
  save([x]);
  const value = tf.engine().runKernel(GELU_KERNEL, { x }) as tf.Tensor;
  const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) =>
    tf.engine().runKernel(GELU_GRAD_KERNEL, { dy, x: saved[0]! }) as tf.Tensor;
  return { value, gradFunc };
});

/** Whether the active backend has the fused GELU kernels (wasm with the native addon). */
export function hasFusedGelu(x: tf.Tensor): boolean {
  return x.dtype === "float32" && tf.getKernel(GELU_KERNEL, tf.getBackend()) !== undefined;
}

/** The fused GELU; only call it when hasFusedGelu(x). */
export function fusedGelu<T extends tf.Tensor>(x: T): T {
  return fusedGeluOp(x) as T;
}

/** GELU: the fused native kernels when the active backend has them, else `geluOps`. */
export function gelu<T extends tf.Tensor>(x: T): T {
  return hasFusedGelu(x) ? fusedGelu(x) : geluOps(x);
}
