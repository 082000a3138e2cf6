#!/usr/bin/python3
"""A team's own model for the "bring your own model" example: a PyTorch U-Net in the style of the popular
milesial/Pytorch-UNet (DoubleConv blocks with batch norm and ReLU, max-pool down, bilinear upsampling with
align_corners=True, 1x1 head giving logits, trained with BCEWithLogitsLoss; inputs standardised by a fixed
mean and std), trained on a folder of images/ and masks/ and exported to ONNX (opset 13, batch norm folded
into the convolutions, as torch.onnx.export does by default).

    /usr/bin/python3 benchmarks/byom_train_pytorch.py --data TRAIN_DIR --out unet.onnx [--size 128] [--base 16]
        [--epochs 12] [--mean 0.5 --std 0.25] [--seed 1]

Needs Debian's python3-torch, python3-onnx, python3-pil. SegPrune itself never runs this.
"""

import argparse
import os
import random

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image


class DoubleConv(nn.Sequential):
    def __init__(self, cin, cout):
        super().__init__(nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True),
                         nn.Conv2d(cout, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class Up(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = DoubleConv(cin, cout)

    def forward(self, x, skip):
        x = F.interpolate(x, scale_factor=2, mode="bilinear", align_corners=True)
        return self.conv(torch.cat([skip, x], dim=1))


class UNet(nn.Module):
    def __init__(self, base):
        super().__init__()
        widths = [base, 2 * base, 4 * base, 8 * base, 8 * base]
        self.inc = DoubleConv(1, widths[0])
        self.downs = nn.ModuleList(DoubleConv(widths[i], widths[i + 1]) for i in range(4))
        self.ups = nn.ModuleList([Up(16 * base, 4 * base), Up(8 * base, 2 * base), Up(4 * base, base), Up(2 * base, base)])
        self.outc = nn.Conv2d(base, 1, 1)

    def forward(self, x):
        skips = [self.inc(x)]
        for down in self.downs:
            skips.append(down(F.max_pool2d(skips[-1], 2)))
        x = skips.pop()
        for up in self.ups:
            x = up(x, skips.pop())
        return self.outc(x)


def load(folder, size, mean, std):
    stems = sorted(os.listdir(os.path.join(folder, "images")))
    images, masks = [], []
    for name in stems:
        image = Image.open(os.path.join(folder, "images", name)).convert("L").resize((size, size), Image.BILINEAR)
        mask = Image.open(os.path.join(folder, "masks", name)).convert("L").resize((size, size), Image.NEAREST)
        images.append((np.asarray(image, dtype=np.float32) / 255 - mean) / std)
        masks.append((np.asarray(mask) > 0).astype(np.float32))
    return torch.tensor(np.stack(images))[:, None], torch.tensor(np.stack(masks))[:, None]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--size", type=int, default=128)
    parser.add_argument("--base", type=int, default=16)
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--mean", type=float, default=0.5)
    parser.add_argument("--std", type=float, default=0.25)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    torch.set_num_threads(2)
    x, y = load(args.data, args.size, args.mean, args.std)
    model = UNet(args.base)
    optimiser = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.BCEWithLogitsLoss()
    for epoch in range(args.epochs):
        model.train()
        order = torch.randperm(len(x))
        total = 0.0
        for i in range(0, len(x), args.batch):
            index = order[i:i + args.batch]
            optimiser.zero_grad()
            loss = loss_fn(model(x[index]), y[index])
            loss.backward()
            optimiser.step()
            total += loss.item() * len(index)
        print(f"epoch {epoch + 1}/{args.epochs} loss {total / len(x):.4f}", flush=True)
    model.eval()
    tmp = args.out + ".tmp"
    torch.onnx.export(model, torch.zeros(1, 1, args.size, args.size), tmp, opset_version=13, input_names=["image"],
                      output_names=["logits"])
    os.replace(tmp, args.out)
    print(f"exported {args.out}: {sum(p.numel() for p in model.parameters())} parameters")


if __name__ == "__main__":
    main()
