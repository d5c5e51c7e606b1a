#!/usr/bin/python3
"""Trains the two Fashion-MNIST models that jdpu's accuracy report runs, and exports them as float ONNX.

customnet28: the seed CustomNet scaled to 28x28x1 (conv 5x5 32 -> maxpool -> conv 5x5 64 -> maxpool
-> conv 5x5 128 -> dense 128 relu -> dense 10), batch norm after each convolution (the importer
folds it into the convolution).
resdw28: a small net with a depthwise convolution and a residual add, ending in a global average pool.

CPU only, fixed seed, a few epochs: the point is a real trained network for the INT8 flow, not a
state-of-the-art score. Usage: train_fashion.py [--epochs N] [--out DIR] [--only NAME] [--train-images N] [--threads N]
"""
import argparse
import gzip
import os
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

DATA = os.environ.get("JDPU_FASHION_MNIST", "/usr/share/datasets/fashion-mnist")


def read_idx(name):
    """Reads one gzip'd IDX file (big-endian header, unsigned bytes) into a numpy array."""
    with gzip.open(os.path.join(DATA, name), "rb") as f:
        raw = f.read()
    rank = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(rank)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)


def load(split):
    images = read_idx(f"{split}-images-idx3-ubyte.gz").astype(np.float32) / 255.0
    labels = read_idx(f"{split}-labels-idx1-ubyte.gz").astype(np.int64)
    return torch.from_numpy(images).unsqueeze(1), torch.from_numpy(labels)


class CustomNet28(nn.Module):
    """The seed CustomNet at 28x28x1: three 5x5 convolutions, two max pools, two dense layers."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 5, padding=2)
        self.bn1 = nn.BatchNorm2d(32)
        self.conv2 = nn.Conv2d(32, 64, 5, padding=2)
        self.bn2 = nn.BatchNorm2d(64)
        self.conv3 = nn.Conv2d(64, 128, 5, padding=2)
        self.bn3 = nn.BatchNorm2d(128)
        self.fc1 = nn.Linear(128 * 7 * 7, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.bn1(self.conv1(x))), 2)
        x = F.max_pool2d(F.relu(self.bn2(self.conv2(x))), 2)
        x = F.relu(self.bn3(self.conv3(x)))
        x = torch.flatten(x, 1)
        return self.fc2(F.relu(self.fc1(x)))


class ResDw28(nn.Module):
    """A small net with a depthwise 3x3 convolution inside a residual block and a global average pool."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(1, 32, 3, padding=1)
        self.bn0 = nn.BatchNorm2d(32)
        self.dw = nn.Conv2d(32, 32, 3, padding=1, groups=32)
        self.bn1 = nn.BatchNorm2d(32)
        self.pw = nn.Conv2d(32, 32, 1)
        self.bn2 = nn.BatchNorm2d(32)
        self.head = nn.Conv2d(32, 64, 3, padding=1)
        self.bn3 = nn.BatchNorm2d(64)
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.bn0(self.stem(x))), 2)
        y = self.bn2(self.pw(F.relu(self.bn1(self.dw(x)))))
        x = F.relu(x + y)
        x = F.max_pool2d(x, 2)
        x = F.relu(self.bn3(self.head(x)))
        x = F.adaptive_avg_pool2d(x, 1)
        return self.fc(torch.flatten(x, 1))


MODELS = {"customnet28": CustomNet28, "resdw28": ResDw28}


def accuracy(model, images, labels):
    model.eval()
    correct = 0
    with torch.no_grad():
        for i in range(0, len(images), 1000):
            correct += (model(images[i:i + 1000]).argmax(1) == labels[i:i + 1000]).sum().item()
    return correct / len(images)


def train(name, epochs, out, train_set, test_set, limit):
    torch.manual_seed(1)
    model = MODELS[name]()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    images, labels = train_set
    if limit:
        # A fixed subset (the same for the same seed) when the machine has no time for a full epoch.
        keep = torch.randperm(len(images), generator=torch.Generator().manual_seed(7))[:limit]
        images, labels = images[keep], labels[keep]
    start = time.time()
    for epoch in range(epochs):
        model.train()
        order = torch.randperm(len(images), generator=torch.Generator().manual_seed(100 + epoch))
        for i in range(0, len(images), 128):
            idx = order[i:i + 128]
            opt.zero_grad()
            loss = F.cross_entropy(model(images[idx]), labels[idx])
            loss.backward()
            opt.step()
            if (i // 128) % 100 == 99:
                print(f"{name}: epoch {epoch + 1} batch {i // 128 + 1} loss {loss.item():.4f} "
                      f"({time.time() - start:.0f} s)", flush=True)
        print(f"{name}: epoch {epoch + 1}/{epochs} loss {loss.item():.4f} "
              f"test top-1 {accuracy(model, *test_set):.4f} ({time.time() - start:.0f} s)", flush=True)
    model.eval()
    top1 = accuracy(model, *test_set)
    path = os.path.join(out, f"{name}.onnx")
    torch.onnx.export(model, torch.zeros(1, 1, 28, 28), path, input_names=["image"],
                      output_names=["logits"], dynamic_axes={"image": {0: "batch"}, "logits": {0: "batch"}},
                      opset_version=13)
    print(f"TRAINED model={name} epochs={epochs} train_images={len(images)} float_top1={top1:.4f} seconds={time.time() - start:.0f} out={path}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    parser.add_argument("--only", choices=sorted(MODELS))
    parser.add_argument("--train-images", type=int, default=0, help="train on a fixed subset of this size (0: all 60,000)")
    parser.add_argument("--threads", type=int, default=min(2, os.cpu_count() or 1))
    args = parser.parse_args()
    torch.set_num_threads(max(1, args.threads))
    train_set, test_set = load("train"), load("t10k")
    for name in [args.only] if args.only else MODELS:
        train(name, args.epochs, args.out, train_set, test_set, args.train_images)


if __name__ == "__main__":
    main()
