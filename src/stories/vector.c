/*
 * vector.c — story-stage vectors (see vector.h).
 */
#include "stories/vector.h"

#include <math.h>
#include <string.h>

#include "util/alloc.h"

int vl__vec_build(vl_vec *out, const vl_feats *fs, const vl_df *df,
		  double entity_weight)
{
	size_t n = fs->n ? fs->n : 1;
	double sq = 0.0, scale;

	memset(out, 0, sizeof *out);
	out->v = vl__malloc(n * sizeof *out->v);
	out->idf = vl__malloc(n * sizeof *out->idf);
	if (!out->v || !out->idf) {
		vl__vec_free(out);
		return VL_ENOMEM;
	}
	for (size_t i = 0; i < fs->n; i++) {
		double w = log1p((double)fs->v[i].tf),
		       idf = vl__df_idf(df, fs->v[i].id);

		if (fs->v[i].id & VL_FEAT_ENTITY)
			w *= entity_weight;
		out->v[i].id = fs->v[i].id;
		out->v[i].w = (float)w;
		out->v[i].text = fs->v[i].text;
		out->idf[i] = (float)idf;
		sq += w * w * idf * idf;
	}
	out->n = fs->n;
	out->text = fs->text.ptr;
	scale = sq > 0 ? 1.0 / sqrt(sq) : 0.0;
	for (size_t i = 0; i < out->n; i++)
		out->v[i].w = (float)(out->v[i].w * scale);
	return 0;
}

void vl__vec_free(vl_vec *v)
{
	vl__freep(v->v);
	vl__freep(v->idf);
	memset(v, 0, sizeof *v);
}

double vl__vec_dot_idf(const vl_vec *v, const vl_vterm *c, size_t nc,
		       double *part)
{
	size_t i = 0, j = 0;
	double s = 0.0;

	if (!part) {
		/* branchless: the same sum in the same order, without the
		 * unpredictable branches of a merge of random ids */
		while (i < v->n && j < nc) {
			uint64_t a = v->v[i].id, b = c[j].id;
			double idf = v->idf[i],
			       x = (double)v->v[i].w * c[j].w * idf * idf;
			s += a == b ? x : 0.0;
			i += a <= b;
			j += b <= a;
		}
		return s;
	}
	for (size_t k = 0; k < v->n; k++)
		part[k] = 0.0;
	while (i < v->n && j < nc) {
		if (v->v[i].id < c[j].id) {
			i++;
		} else if (v->v[i].id > c[j].id) {
			j++;
		} else {
			double idf = v->idf[i],
			       x = (double)v->v[i].w * c[j].w * idf * idf;
			if (part)
				part[i] = x;
			s += x;
			i++;
			j++;
		}
	}
	return s;
}

double vl__vec_cos(const vl_vec *a, const vl_vec *b)
{
	return vl__vec_dot_idf(a, b->v, b->n, NULL);
}
