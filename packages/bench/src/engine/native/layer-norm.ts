// LayerNorm over the last axis as one native kernel forward and one backward (the closed-form
// gradient of model.ts's layerNorm), on wasm when the native kernels are registered.
import * as tf from "@tensorflow/tfjs-core";

export const LAYER_NORM_KERNEL = "LockpickLayerNorm";
export const LAYER_NORM_GRAD_KERNEL = "LockpickLayerNormGrad";

type Op = (x: tf.Tensor, weight: tf.Tensor, bias: tf.Tensor) => tf.Tensor;

/** One custom-gradient op per epsilon (customGrad's arguments must all be tensors). */
const ops = new Map<number, Op>();

function opFor(eps: number): Op {
  let op = ops.get(eps);
  if (!op) {
    op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [x, weight, bias, save] = args as [tf.Tensor, tf.Tensor, tf.Tensor, tf.GradSaveFunc];
      const outs = tf.engine().runKernel(LAYER_NORM_KERNEL, { x, weight, bias }, { eps });
      const [y, xhat, rstd] = outs as tf.Tensor[];
      save([xhat!, rstd!, weight]);
      const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xh, rs, g] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
        const inputs = { dy, xhat: xh, rstd: rs, weight: g };
        return tf.engine().runKernel(LAYER_NORM_GRAD_KERNEL, inputs) as tf.Tensor[];
      };
      return { value: y!, gradFunc };
    }) as Op;
    ops.set(eps, op);
  }
  return op;
}

/** Whether the active backend has the fused kernels and the operands are the plain 2-D case. */
export function hasFusedLayerNorm(x: tf.Tensor, weight: tf.Tensor, bias: tf.Tensor): boolean {
  const d = x.shape.at(-1);
  return (
    x.dtype === "float32" &&
    x.rank === 2 &&
    weight.size === d &&
    bias.size === d &&
    tf.getKernel(LAYER_NORM_KERNEL, tf.getBackend()) !== undefined
  );
}

/** The fused LayerNorm; only call it when hasFusedLayerNorm(...). */
export function fusedLayerNorm<T extends tf.Tensor>(
  x: T,
  weight: tf.Tensor,
  bias: tf.Tensor,
  eps: number,
): T {
  return opFor(eps)(x, weight, bias) as T;
}
