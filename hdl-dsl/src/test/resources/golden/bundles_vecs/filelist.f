LinkStage.v
bundles_vecs.v
