#!/usr/bin/python3
"""The SegPrune U-Net in PyTorch, for speed comparisons with the DL4J engine on the same machine.

Same structure as plugin/engine/src/main/java/org/segprune/model/UNetBuilder.java: per level two
conv3x3 (no bias) - batch norm - ReLU, 2x2 max-pool down, 2x2 stride-2 transposed convolution (with
bias) up, concatenation [skip, up], 1x1 convolution head with bias and a sigmoid; filters base * 2^level,
'same' padding. Loss as the engine's BceDiceLoss: mean binary cross-entropy + (1 - soft dice over the
batch, smoothed by 1); Adam, learning rate 1e-3.

Measures on synthetic data (random images, random blob masks):
  * training seconds per image: --warmup untimed steps, then --steps timed steps of --batch images;
  * batch-1 inference latency: eval mode, torch.no_grad, 5 warm-up passes, median of --latency-runs;
  * optionally the same latency for a pruned variant whose per-layer channel counts come from the
    plan JSON written by `segprune prune --plan PLAN.json` (--pruned-plan).
Prints one JSON object to stdout.

Run with Debian's interpreter (python3-torch): /usr/bin/python3 benchmarks/pytorch_unet.py --size 128
"""

import argparse
import json
import platform
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

LATENCY_WARMUP = 5  # as org.segprune.evaluate.Latency.WARMUP


def layer_names(depth):
    """The producer layers of the U-Net in DL4J's names, in graph order."""
    names = []
    for level in range(depth):
        names += [f"enc{level}_conv1", f"enc{level}_conv2"]
    names += ["bottleneck_conv1", "bottleneck_conv2"]
    for level in reversed(range(depth)):
        names += [f"up{level}", f"dec{level}_conv1", f"dec{level}_conv2"]
    return names


def full_widths(base, depth):
    widths = {}
    for name in layer_names(depth):
        if name.startswith("bottleneck"):
            widths[name] = base << depth
        else:
            level = int(name[2] if name.startswith("up") else name[3])
            widths[name] = base << level
    return widths


def formula_params(widths, depth, in_channels=1):
    """Trainable parameters (no batch-norm running statistics), counted layer by layer as DL4J stores them."""
    total = 0
    previous = in_channels

    def conv_bn(cin, cout):
        return 9 * cin * cout + 2 * cout  # 3x3 weights without bias, BN gamma + beta

    for level in range(depth):
        total += conv_bn(previous, widths[f"enc{level}_conv1"])
        total += conv_bn(widths[f"enc{level}_conv1"], widths[f"enc{level}_conv2"])
        previous = widths[f"enc{level}_conv2"]
    total += conv_bn(previous, widths["bottleneck_conv1"])
    total += conv_bn(widths["bottleneck_conv1"], widths["bottleneck_conv2"])
    previous = widths["bottleneck_conv2"]
    for level in reversed(range(depth)):
        up = widths[f"up{level}"]
        total += 4 * previous * up + up  # 2x2 transposed conv with bias
        total += conv_bn(widths[f"enc{level}_conv2"] + up, widths[f"dec{level}_conv1"])
        total += conv_bn(widths[f"dec{level}_conv1"], widths[f"dec{level}_conv2"])
        previous = widths[f"dec{level}_conv2"]
    total += previous + 1  # 1x1 head with bias
    return total


class ConvBnRelu(nn.Sequential):
    def __init__(self, cin, cout):
        # DL4J BatchNormalization defaults: eps 1e-5, decay 0.9 (PyTorch momentum 0.1)
        super().__init__(nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout, eps=1e-5, momentum=0.1),
                         nn.ReLU(inplace=True))


class UNet(nn.Module):
    def __init__(self, widths, depth, in_channels=1):
        super().__init__()
        self.depth = depth
        self.encoders = nn.ModuleList()
        previous = in_channels
        for level in range(depth):
            c1, c2 = widths[f"enc{level}_conv1"], widths[f"enc{level}_conv2"]
            self.encoders.append(nn.Sequential(ConvBnRelu(previous, c1), ConvBnRelu(c1, c2)))
            previous = c2
        b1, b2 = widths["bottleneck_conv1"], widths["bottleneck_conv2"]
        self.bottleneck = nn.Sequential(ConvBnRelu(previous, b1), ConvBnRelu(b1, b2))
        previous = b2
        self.ups = nn.ModuleList()
        self.decoders = nn.ModuleList()
        for level in reversed(range(depth)):
            up = widths[f"up{level}"]
            d1, d2 = widths[f"dec{level}_conv1"], widths[f"dec{level}_conv2"]
            self.ups.append(nn.ConvTranspose2d(previous, up, 2, stride=2, bias=True))
            self.decoders.append(nn.Sequential(ConvBnRelu(widths[f"enc{level}_conv2"] + up, d1), ConvBnRelu(d1, d2)))
            previous = d2
        self.head = nn.Conv2d(previous, 1, 1, bias=True)
        for m in self.modules():  # DL4J WeightInit.RELU is He-normal
            if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
                nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
                if m.bias is not None:
                    nn.init.zeros_(m.bias)

    def forward(self, x):
        skips = []
        for encoder in self.encoders:
            x = encoder(x)
            skips.append(x)
            x = F.max_pool2d(x, 2, 2)
        x = self.bottleneck(x)
        for up, decoder, skip in zip(self.ups, self.decoders, reversed(skips)):
            x = decoder(torch.cat([skip, up(x)], dim=1))
        return torch.sigmoid(self.head(x))


def bce_dice_loss(p, y, smooth=1.0, clip=1e-7):
    """As org.segprune.train.BceDiceLoss: mean BCE of clipped probabilities + 1 - batch soft dice."""
    pc = p.clamp(clip, 1 - clip)
    bce = -(y * torch.log(pc) + (1 - y) * torch.log(1 - pc)).mean()
    dice = (2 * (p * y).sum() + smooth) / (p.sum() + y.sum() + smooth)
    return bce + 1 - dice


def synthetic_batch(n, size, generator):
    """Smooth random images and blob masks (about a third foreground); content does not affect speed."""
    image = torch.rand(n, 1, size // 8, size // 8, generator=generator)
    image = F.interpolate(image, size=(size, size), mode="bilinear", align_corners=False)
    mask = (image > 0.6).float()
    return image + 0.1 * torch.randn(n, 1, size, size, generator=generator), mask


def count_params(model):
    return sum(p.numel() for p in model.parameters())


def train_speed(model, size, batch, warmup, steps, seed):
    generator = torch.Generator().manual_seed(seed)
    batches = [synthetic_batch(batch, size, generator) for _ in range(4)]
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)  # DL4J Adam: beta1 0.9, beta2 0.999, eps 1e-8
    model.train()

    def step(i):
        x, y = batches[i % len(batches)]
        optimizer.zero_grad(set_to_none=True)
        loss = bce_dice_loss(model(x), y)
        loss.backward()
        optimizer.step()
        return loss.item()

    warmup_times = []
    for i in range(warmup):
        start = time.perf_counter()
        step(i)
        warmup_times.append(time.perf_counter() - start)
    times = []
    loss = float("nan")
    for i in range(steps):
        start = time.perf_counter()
        loss = step(warmup + i)
        times.append(time.perf_counter() - start)
    return {
        "train_s_per_img": sum(times) / (steps * batch),
        "train_median_step_s": statistics.median(times),
        "first_step_s": warmup_times[0] if warmup_times else float("nan"),
        "warmup_step_s": [round(t, 4) for t in warmup_times],
        "timed_step_s": [round(t, 4) for t in times],
        "final_loss": loss,
    }


def latency_ms(model, size, runs):
    model.eval()
    x = torch.rand(1, 1, size, size)
    with torch.no_grad():
        for _ in range(LATENCY_WARMUP):
            model(x)
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            model(x)
            times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


def plan_widths(path, depth):
    with open(path) as f:
        plan = json.load(f)
    widths = {layer["layer"]: layer["channels_after"] for layer in plan["layers"]}
    missing = [name for name in layer_names(depth) if name not in widths]
    if missing:
        sys.exit(f"pytorch_unet.py: plan {path} lacks layers {missing} (not a U-Net of depth {depth}?)")
    return widths, plan.get("params_after")


def check(condition, message):
    """Stops with a message (and exit code 1) when the two U-Nets are not the same network."""
    if not condition:
        sys.exit(f"pytorch_unet.py: {message}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=128)
    parser.add_argument("--base", type=int, default=16)
    parser.add_argument("--depth", type=int, default=4)
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--warmup", type=int, default=3, help="untimed training steps first")
    parser.add_argument("--steps", type=int, default=10, help="timed training steps")
    parser.add_argument("--latency-runs", type=int, default=30, help="timed batch-1 forward passes (at least 20)")
    parser.add_argument("--expect-params", type=int, help="DL4J's trainable parameter count; asserted equal")
    parser.add_argument("--pruned-plan", help="plan JSON of `segprune prune --plan`: also time the pruned widths")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    if args.size % (1 << args.depth):
        parser.error(f"--size must be a multiple of 2^depth = {1 << args.depth}")
    if args.latency_runs < 20:
        parser.error("--latency-runs must be at least 20")

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    widths = full_widths(args.base, args.depth)
    model = UNet(widths, args.depth)
    params = count_params(model)
    expected = formula_params(widths, args.depth)
    check(params == expected, f"the PyTorch U-Net has {params} parameters, the formula says {expected}")
    if args.expect_params is not None:
        check(params == args.expect_params, f"the PyTorch U-Net has {params} parameters, DL4J has {args.expect_params}")
    print(f"pytorch_unet.py: U-Net base {args.base} depth {args.depth}: {params} parameters", file=sys.stderr)

    result = {
        "framework": "pytorch",
        "torch_version": torch.__version__,
        "python_version": platform.python_version(),
        "mkldnn": torch.backends.mkldnn.is_available(),
        "threads": torch.get_num_threads(),
        "size": args.size, "base": args.base, "depth": args.depth, "batch": args.batch,
        "params": params,
        "params_formula": expected,
        "warmup_steps": args.warmup, "timed_steps": args.steps,
    }
    result.update(train_speed(model, args.size, args.batch, args.warmup, args.steps, args.seed))
    result["latency_warmup"] = LATENCY_WARMUP
    result["latency_runs"] = args.latency_runs
    result["latency_ms"] = latency_ms(model, args.size, args.latency_runs)

    if args.pruned_plan:
        pruned_widths, plan_params = plan_widths(args.pruned_plan, args.depth)
        pruned = UNet(pruned_widths, args.depth)
        pruned_params = count_params(pruned)
        check(pruned_params == formula_params(pruned_widths, args.depth), "pruned U-Net: count and formula differ")
        if plan_params is not None:
            check(pruned_params == plan_params,
                  f"the pruned PyTorch U-Net has {pruned_params} parameters, the DL4J plan {plan_params}")
        result["pruned_params"] = pruned_params
        result["pruned_widths"] = [pruned_widths[name] for name in layer_names(args.depth)]
        result["pruned_latency_ms"] = latency_ms(pruned, args.size, args.latency_runs)
        print(f"pytorch_unet.py: pruned variant: {pruned_params} parameters", file=sys.stderr)

    json.dump(result, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
