# Regenerates the .npy fixtures of NpyTest with NumPy's own writer (python3 generate.py).
import numpy as np
from numpy.lib import format as f


def save(name, arr, version=None):
    with open(name, 'wb') as fh:
        f.write_array(fh, arr, version=version)


a = np.arange(24, dtype=np.int8).reshape(1, 2, 3, 4) - 12
save('int8_1x2x3x4.npy', a)
save('int32_5.npy', np.array([-2147483648, -1, 0, 1, 2147483647], dtype='<i4'))
save('uint8_2x3.npy', np.array([[0, 1, 127], [128, 254, 255]], dtype=np.uint8))
save('int8_v2.npy', a, version=(2, 0))
save('int8_v3.npy', a, version=(3, 0))
save('int8_scalar.npy', np.array(-7, dtype=np.int8))
save('int32_fortran.npy', np.asfortranarray(np.arange(6, dtype='<i4').reshape(2, 3)))
save('int32_bigendian.npy', np.arange(6, dtype='>i4'))
save('float32.npy', np.arange(6, dtype='<f4'))
save('int64.npy', np.arange(6, dtype='<i8'))
save('int16.npy', np.arange(6, dtype='<i2'))
save('structured.npy', np.zeros(3, dtype=[('a', '<i4'), ('b', '|i1')]))
